import GRDB

/// The compact schema (issue 21): dataflows, series and attribute sets in tables of their own, each stored
/// once with an integer id; a version is (series, period, validFrom) with its value, attribute set,
/// transmission and end, times as milliseconds since 1970, in one WITHOUT ROWID table ordered as the reads
/// want it (no second index). About 60 bytes a version instead of 534. The versions of older repositories are
/// carried over whole, but for versions that lasted no time (a key given twice in one transmission), which
/// no as-of read could see.
enum CompactMigration {
    /// Milliseconds since 1970 of a stored time (always `YYYY-MM-DDTHH:MM:SS.mmmZ`).
    static func milliseconds(_ column: String) -> String {
        "(unixepoch(substr(\(column), 1, 19)) * 1000 + CAST(substr(\(column), 21, 3) AS INTEGER))"
    }

    static let tables = [
        "CREATE TABLE dataflow (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
        // `updated`: the last time a version of the series began or ended, which updatedAfter reads first.
        """
        CREATE TABLE series (
            id INTEGER PRIMARY KEY, dataflowID INTEGER NOT NULL REFERENCES dataflow, seriesKey TEXT NOT NULL,
            refArea TEXT, updated INTEGER NOT NULL, UNIQUE (dataflowID, seriesKey))
        """,
        "CREATE INDEX series_area ON series (dataflowID, refArea)",
        """
        CREATE TABLE attributeSet (
            id INTEGER PRIMARY KEY, dataflowID INTEGER NOT NULL REFERENCES dataflow, attributes TEXT NOT NULL,
            UNIQUE (dataflowID, attributes))
        """,
        """
        CREATE TABLE version (
            seriesID INTEGER NOT NULL REFERENCES series, period TEXT NOT NULL, validFrom INTEGER NOT NULL,
            validTo INTEGER, value TEXT, attributeSetID INTEGER NOT NULL REFERENCES attributeSet,
            transmissionID INTEGER NOT NULL REFERENCES transmission, PRIMARY KEY (seriesID, period, validFrom)
        ) WITHOUT ROWID
        """,
    ]

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: dataflows, series and attribute sets by id; times as milliseconds") { db in
            for statement in tables { try db.execute(sql: statement) }
            try db.execute(
                sql: """
                    INSERT INTO dataflow (name) SELECT DISTINCT dataflow FROM observation ORDER BY dataflow;
                    INSERT INTO series (dataflowID, seriesKey, refArea, updated)
                        SELECT d.id, o.seriesKey, MIN(o.refArea), 0
                        FROM observation o JOIN dataflow d ON d.name = o.dataflow
                        GROUP BY d.id, o.seriesKey ORDER BY d.id, o.seriesKey;
                    INSERT INTO attributeSet (dataflowID, attributes)
                        SELECT DISTINCT d.id, o.attributes FROM observation o JOIN dataflow d ON d.name = o.dataflow;
                    INSERT OR REPLACE INTO version
                        SELECT s.id, o.period, \(milliseconds("o.validFrom")), \(milliseconds("o.validTo")), o.value,
                            a.id, o.transmissionID
                        FROM observation o JOIN dataflow d ON d.name = o.dataflow
                        JOIN series s ON s.dataflowID = d.id AND s.seriesKey = o.seriesKey
                        JOIN attributeSet a ON a.dataflowID = d.id AND a.attributes = o.attributes
                        WHERE o.validTo IS NULL OR o.validTo <> o.validFrom
                        ORDER BY o.id;
                    DROP TABLE observation;
                    ALTER TABLE version RENAME TO observation;
                    """)
            try db.execute(sql: RepositoryMigrations.seriesUpdated)
        }
    }
}
