import GRDB
import SDMXModel

/// The repository's schema, versioned: each migration runs once, in order, and is never edited
/// after release (add a new one instead).
enum RepositoryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: transmissions and versioned observations") { db in
            try db.create(table: "transmission") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("sender", .text)
                table.column("messageID", .text)
                table.column("prepared", .text)
                table.column("received", .text).notNull()
                table.column("fileName", .text).notNull()
                table.column("sha256", .text).notNull().unique()
                table.column("format", .text).notNull()
                table.column("dataflow", .text)
                table.column("status", .text).notNull()
                table.column("observationCount", .integer).notNull().defaults(to: 0)
                table.column("report", .text)
            }
            // Every version of every observation: the current one has validTo NULL; an as-of read
            // takes the version whose [validFrom, validTo) holds the date.
            try db.create(table: "observation") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("dataflow", .text).notNull()
                table.column("seriesKey", .text).notNull()
                table.column("refArea", .text)
                table.column("period", .text).notNull()
                table.column("value", .text)
                table.column("attributes", .text).notNull()
                table.column("transmissionID", .integer).notNull().references("transmission")
                table.column("validFrom", .text).notNull()
                table.column("validTo", .text)
            }
            try db.create(
                index: "observation_current", on: "observation",
                columns: ["dataflow", "seriesKey", "period"], unique: true, condition: Column("validTo") == nil)
            try db.create(
                index: "observation_history", on: "observation",
                columns: ["dataflow", "seriesKey", "period", "validFrom"])
            try db.create(index: "observation_area", on: "observation", columns: ["dataflow", "refArea", "period"])
        }
        migrator.registerMigration("v2: period intervals and update-time index") { db in
            // The time each period covers (UTC seconds, end exclusive; ``PeriodInterval``), so that period
            // filters compare across frequencies in SQL. NULL for a period that cannot be read.
            try db.alter(table: "observation") { table in
                table.add(column: "periodStart", .integer)
                table.add(column: "periodEnd", .integer)
            }
            // The common forms in SQL (a Swift function called per row made the backfill of 1e6 rows take
            // 75 s instead of 3), the rest (weeks, date-times, ranges, reporting days) through PeriodInterval.
            let digits = "[0-9][0-9][0-9][0-9]"
            for (pattern, first, length) in [
                ("\(digits)", "period || '-01-01'", "+1 year"),
                ("\(digits)-A1", "substr(period, 1, 4) || '-01-01'", "+1 year"),
                (
                    "\(digits)-S[12]", "printf('%s-%02d-01', substr(period, 1, 4), substr(period, 7) * 6 - 5)",
                    "+6 months"
                ),
                (
                    "\(digits)-T[123]", "printf('%s-%02d-01', substr(period, 1, 4), substr(period, 7) * 4 - 3)",
                    "+4 months"
                ),
                (
                    "\(digits)-Q[1234]", "printf('%s-%02d-01', substr(period, 1, 4), substr(period, 7) * 3 - 2)",
                    "+3 months"
                ),
                ("\(digits)-[01][0-9]", "period || '-01'", "+1 month"),
                ("\(digits)-M[01][0-9]", "substr(period, 1, 4) || '-' || substr(period, 7) || '-01'", "+1 month"),
                ("\(digits)-[01][0-9]-[0-3][0-9]", "period", "+1 day"),
            ] {
                // Dates that do not exist (2024-13-01, 2024-02-30, which SQLite would roll over) stay NULL
                // here, and PeriodInterval leaves them NULL too.
                try db.execute(
                    sql: """
                        UPDATE observation SET periodStart = unixepoch(\(first)),
                            periodEnd = unixepoch(\(first), '\(length)')
                        WHERE period GLOB '\(pattern)' AND substr(period, 1, 4) >= '0001' AND date(unixepoch(\(first)), 'unixepoch') = \(first)
                        """)
            }
            let start = DatabaseFunction("idac_period_start", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).flatMap { PeriodInterval(period: $0)?.start }
            }
            let end = DatabaseFunction("idac_period_end", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).flatMap { PeriodInterval(period: $0)?.end }
            }
            db.add(function: start)
            db.add(function: end)
            try db.execute(
                sql: "UPDATE observation SET periodStart = idac_period_start(period), "
                    + "periodEnd = idac_period_end(period) WHERE periodStart IS NULL")
            db.remove(function: start)
            db.remove(function: end)
            // updatedAfter and the last-change time read versions by when they began.
            try db.create(index: "observation_updated", on: "observation", columns: ["dataflow", "validFrom"])
        }
        AccountMigration.register(in: &migrator)
        CompactMigration.register(in: &migrator)
        return migrator
    }

    /// Sets each series' `updated` to the last time one of its versions began or ended (after a copy or the
    /// compact migration wrote its versions).
    static let seriesUpdated = """
        UPDATE series SET updated = COALESCE(
            (SELECT MAX(COALESCE(validTo, validFrom)) FROM observation WHERE seriesID = series.id), 0)
        """
}
