import Foundation

/// Dates as people write them in forms, files and commands: `YYYY-MM-DD`, in UTC.
public enum CalendarDay {
    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()

    public static func string(_ seconds: Int64) -> String { formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))) }

    /// The start of the day in seconds, or nil when the text is not a real date.
    public static func start(_ text: String) -> Int64? {
        guard let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
        return Int64(date.timeIntervalSince1970)
    }
}
