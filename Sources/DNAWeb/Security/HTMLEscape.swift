import Plot

/// The one escaping path of the server's HTML and SVG. Plot writes attribute values as they
/// are given and keeps `&name;` sequences in text, so no page hands a value to Plot without
/// going through here: `Node.plain` for text, `Attribute.escaped` and the helpers below for
/// attributes, `HTMLEscape.text` inside hand-built markup.
public enum HTMLEscape {
    /// Escapes the five characters that can end a text run or a quoted attribute value.
    /// Control characters other than tab and line ends are dropped: they have no meaning in
    /// HTML and some browsers treat them oddly inside attributes.
    public static func text(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The same escaping serves double-quoted attribute values.
    public static func attribute(_ value: String) -> String { text(value) }
}

extension Node {
    /// Text escaped by `HTMLEscape`: unlike Plot's `.text`, an `&amp;` typed by a person is
    /// shown as typed, and quotes are escaped too.
    static func plain(_ value: String) -> Node { .raw(HTMLEscape.text(value)) }
}

extension Attribute {
    /// An attribute whose value is escaped; the only way pages set a value that is not a
    /// literal.
    static func escaped(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: HTMLEscape.attribute(value), ignoreIfValueIsEmpty: false)
    }
}

extension Node {
    /// `Attribute.escaped` where Plot expects a node (elements whose attributes are nodes).
    static func escaped(_ name: String, _ value: String) -> Node {
        .attribute(Attribute<Context>.escaped(name, value))
    }
}
