import DNACore
import Plot

/// Text is a component: it renders escaped by `HTMLEscape`, so a string placed anywhere in a
/// page (a builder block, a table cell, a list) cannot become markup. Plot's own `Text`
/// keeps `&name;` sequences as typed and is not used.
extension String: @retroactive Renderable {}
extension String: @retroactive Component {
    public var body: Component { Node<HTML.BodyContext>.plain(self) }
}

/// Wording renders like text, in the language of the page being built.
extension AdminText: Renderable {}
extension AdminText: Component {
    public var body: Component { Node<HTML.BodyContext>.plain(resolved) }
}

extension RawRepresentable where RawValue == String {
    /// A case of the domain shown by its English name (a status, a kind), as wording.
    var wording: AdminText { AdminText(wording: rawValue) }
}

/// Wording placed in text a page builds as a string (an SVG drawing, a composed sentence).
func words(_ text: AdminText) -> String { text.resolved }

extension Node {
    /// Wording in a Plot node (the page frame is built from Plot's own nodes).
    static func wording(_ text: AdminText) -> Node { .plain(text.resolved) }
}

/// Builds the content of an element or a page from components and strings, with `if`,
/// `switch` and `for`; an array of components is spliced in place. A string literal is
/// wording and goes through the catalogue (`AdminText`); a `String` value is data and is
/// placed as it is. The other overloads are disfavoured so that a literal, which could also
/// be a `String`, is taken as wording.
@resultBuilder
enum HTMLBuilder {
    @_disfavoredOverload static func buildExpression(_ component: Component) -> [Component] { [component] }
    static func buildExpression(_ components: [Component]) -> [Component] { components }
    @_disfavoredOverload static func buildExpression(_ text: String) -> [Component] { [text] }
    static func buildExpression(_ wording: AdminText) -> [Component] { [wording] }
    static func buildBlock(_ parts: [Component]...) -> [Component] { parts.flatMap { $0 } }
    static func buildOptional(_ part: [Component]?) -> [Component] { part ?? [] }
    static func buildEither(first part: [Component]) -> [Component] { part }
    static func buildEither(second part: [Component]) -> [Component] { part }
    static func buildArray(_ parts: [[Component]]) -> [Component] { parts.flatMap { $0 } }
    static func buildLimitedAvailability(_ part: [Component]) -> [Component] { part }
    static func buildFinalResult(_ parts: [Component]) -> ComponentGroup { ComponentGroup(members: parts) }
}

/// Components side by side with no element around them, built like an element's content, so
/// a string literal in them is wording (Plot's own `Group { }` would take it as
/// plain text).
struct Group: Component {
    let members: [Component]

    init(@HTMLBuilder _ content: () -> ComponentGroup) { members = content().members }

    var body: Component { ComponentGroup(members: members) }
}

/// One attribute of an element; its value is always escaped when rendered.
struct Attr: Sendable {
    var name: String
    /// `nil` leaves the attribute out (an unset optional, an unticked flag).
    var value: String?

    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    static func `class`(_ value: String?) -> Attr { Attr("class", value) }
    static func id(_ value: String?) -> Attr { Attr("id", value) }
    static func href(_ value: String) -> Attr { Attr("href", value) }
    static func href(_ url: SiteURL, query: String = "") -> Attr { Attr("href", url.path + query) }
    static func name(_ value: String) -> Attr { Attr("name", value) }
    static func value(_ value: String) -> Attr { Attr("value", value) }
    static func type(_ value: String) -> Attr { Attr("type", value) }
    static func `for`(_ value: String) -> Attr { Attr("for", value) }
    static func role(_ value: String) -> Attr { Attr("role", value) }
    static func title(_ value: AdminText) -> Attr { Attr("title", value.resolved) }
    /// A title that is data (a name shown in full where it is cut short).
    @_disfavoredOverload static func title<Data: StringProtocol>(_ value: Data) -> Attr { Attr("title", String(value)) }
    static func alt(_ value: AdminText) -> Attr { Attr("alt", value.resolved) }
    /// An element's accessible name: wording, looked up in the catalogue.
    static func label(_ value: AdminText) -> Attr { Attr("aria-label", value.resolved) }
    static func data(_ name: String, _ value: String?) -> Attr { Attr("data-" + name, value) }
    static func aria(_ name: String, _ value: String?) -> Attr { Attr("aria-" + name, value) }
    /// A boolean attribute (`required`, `checked`, `selected`, `open`), present only when set.
    /// Written bare (`required`), as HTML spells it.
    static func flag(_ name: String, _ isSet: Bool = true) -> Attr { Attr(name, isSet ? "" : nil) }
    static func min(_ value: String) -> Attr { Attr("min", value) }
    static func max(_ value: String) -> Attr { Attr("max", value) }
    static func placeholder(_ value: AdminText) -> Attr { Attr("placeholder", value.resolved) }
}

/// An HTML element as a Plot node: typed content, attributes escaped on the way out. Every
/// page is built from these and the components in `Components.swift`, never from strings of
/// markup.
struct El: Component {
    private static let voidElements: Set<String> = ["input", "br", "img", "meta", "link", "hr", "col", "source"]

    var name: String
    var attributes: [Attr]
    var children: [Component]

    init(_ name: String, _ attributes: Attr..., @HTMLBuilder content: () -> ComponentGroup = { ComponentGroup(members: []) }) {
        self.init(name, attributes: attributes, children: content().members)
    }

    init(_ name: String, attributes: [Attr], children: [Component]) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The element renders in one pass into one string: Plot's renderer gives every element
    /// a buffer of its own and copies it into its parent's, which made a results page of a
    /// thousand units a third slower than the markup it replaced. The output is the markup
    /// Plot writes for the same element (a bare name for an empty value, `/>` on void
    /// elements), so the golden pages hold either way.
    var body: Component { Node<HTML.BodyContext>.raw(markup) }

    var markup: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        out += "<"
        out += name
        for attribute in attributes {
            guard let value = attribute.value else { continue }
            out += " "
            out += attribute.name
            if !value.isEmpty {
                out += "=\""
                out += HTMLEscape.attribute(value)
                out += "\""
            }
        }
        if Self.voidElements.contains(name) {
            out += "/>"
            return
        }
        out += ">"
        for child in children { Self.write(child, into: &out) }
        out += "</"
        out += name
        out += ">"
    }

    /// Writes any component: elements, text and groups directly, a component made of them
    /// through its body, and anything else (Plot's own nodes) through Plot.
    static func write(_ component: Component, into out: inout String) {
        switch component {
        case let element as El: element.write(into: &out)
        case let text as String: out += HTMLEscape.text(text)
        case let wording as AdminText: out += HTMLEscape.text(wording.resolved)
        case let group as ComponentGroup: for member in group.members { write(member, into: &out) }
        case let chart as ChartMarkup: out += chart.svg
        case is EmptyComponent: break
        default:
            // A Plot node is its own body: Plot renders it. Any other component is written
            // through what it is made of.
            let body = component.body
            if type(of: body) == type(of: component) { out += component.render() } else { write(body, into: &out) }
        }
    }

    /// The same element with more attributes (a class or a label added by a component).
    func with(_ more: Attr...) -> El { El(name, attributes: attributes + more, children: children) }
}

/// Markup that is already built and escaped by the server: only the SVG the chart builders
/// draw (`Charts`, `LineOfSightChart`), which escape every text they place.
struct ChartMarkup: Component {
    var svg: String
    var body: Component { Node<HTML.BodyContext>.raw(svg) }
}

extension Component {
    /// The rendered markup, for a self-contained report or a test.
    var markup: String {
        var out = ""
        El.write(self, into: &out)
        return out
    }
}
