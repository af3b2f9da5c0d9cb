import GRDB

/// The portal's accounts (`idac users`) and each transmission's sending account: a migration of its own,
/// in plain SQL that PostgreSQL reads too (ids are given by the insert, not by AUTOINCREMENT).
enum AccountMigration {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: accounts and the account that sent a transmission") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        country TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('office', 'secretariat')),
                        tokenHash TEXT NOT NULL UNIQUE,
                        created TEXT NOT NULL,
                        revoked TEXT
                    )
                    """)
            try db.execute(sql: "ALTER TABLE transmission ADD COLUMN accountID INTEGER REFERENCES account(id)")
            try db.execute(sql: "CREATE INDEX transmission_account ON transmission(accountID)")
        }
    }
}
