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
            let start = DatabaseFunction("idac_period_start", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).flatMap { PeriodInterval(period: $0)?.start }
            }
            let end = DatabaseFunction("idac_period_end", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).flatMap { PeriodInterval(period: $0)?.end }
            }
            db.add(function: start)
            db.add(function: end)
            try db.execute(
                sql:
                    "UPDATE observation SET periodStart = idac_period_start(period), "
                    + "periodEnd = idac_period_end(period)"
            )
            db.remove(function: start)
            db.remove(function: end)
            // updatedAfter and the last-change time read versions by when they began.
            try db.create(index: "observation_updated", on: "observation", columns: ["dataflow", "validFrom"])
        }
        return migrator
    }
}
