import Foundation

/// Where the data lives: an SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultDataDirectory = "./cdna-data"
    public static let sqliteFileName = "cdna.sqlite"

    /// `--database-url` wins over `--data`; without either, the SQLite file in the default
    /// data directory.
    public static func resolve(dataDirectory: String?, databaseURL: String?) -> DatabaseLocation {
        if let databaseURL, !databaseURL.isEmpty { return .postgres(url: databaseURL) }
        let directory = dataDirectory ?? defaultDataDirectory
        return .sqlite(path: (directory as NSString).appendingPathComponent(sqliteFileName))
    }

    public var kind: DatabaseKind {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// A description safe for logs: a PostgreSQL password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite at \(path)"
        case .postgres(let url):
            if var components = URLComponents(string: url), components.password != nil {
                components.password = "***"
                return "PostgreSQL at \(components.string ?? "?")"
            }
            return "PostgreSQL at \(url)"
        }
    }
}

public enum DatabaseKind: String, Sendable {
    case sqlite, postgres
}
