import PostgresKit
import SQLiteKit

extension StoreError {
    /// Maps a driver error to a store error. Constraint violations become `conflict`, so the
    /// web layer can answer 409 without knowing which database is underneath.
    /// Errors that are not the drivers' (file problems, a caller's own errors) pass through.
    static func translate(_ error: any Error) -> any Error {
        if error is StoreError { return error }
        if let sqlite = error as? SQLiteError {
            // sqlite-nio reports the primary result code only, so the constraint kind is
            // read from SQLite's message, whose wording is stable.
            if sqlite.message.contains("FOREIGN KEY constraint failed") {
                return StoreError.conflict("the record refers to, or is referred to by, another record")
            }
            if sqlite.message.contains("UNIQUE constraint failed") {
                return StoreError.conflict("a record with the same key already exists")
            }
            switch sqlite.reason {
            case .constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed:
                return StoreError.conflict("a record with the same key already exists")
            case .constraintForeignKeyFailed:
                return StoreError.conflict("the record refers to, or is referred to by, another record")
            case .constraintCheckFailed, .constraintNotNullFailed:
                return StoreError.invalid("a value is missing or out of range")
            case .cantOpen, .cantOpenDirectory, .readOnly, .permission, .busy, .locked:
                return StoreError.unavailable("the SQLite database cannot be used: \(sqlite.message)")
            default:
                return StoreError.failure("SQLite: \(sqlite.message)")
            }
        }
        if let postgres = error as? PSQLError {
            let state = postgres.serverInfo?[.sqlState] ?? ""
            switch state {
            case "23505": return StoreError.conflict("a record with the same key already exists")
            case "23503": return StoreError.conflict("the record refers to, or is referred to by, another record")
            case "23502", "23514", "22P02", "22001": return StoreError.invalid("a value is missing or out of range")
            default: break
            }
            if postgres.code == .connectionError || postgres.code == .serverClosedConnection
                || postgres.code == .clientClosedConnection
            {
                return StoreError.unavailable("PostgreSQL cannot be reached")
            }
            return StoreError.failure("PostgreSQL \(state): \(postgres.serverInfo?[.message] ?? String(describing: postgres.code))")
        }
        return error
    }
}
