import Foundation
import Plot
import Testing

@testable import DNAWeb

/// The typed components the pages are built from: hostile text stays text wherever it goes,
/// and each component writes the markup the stylesheet and assistive technology rely on.
@Suite("Design system")
struct DesignSystemTests {
    static let hostile = #"<script>alert("x")</script> & 'quoted' &amp;"#

    @Test("text and attribute values are escaped, an entity typed by a person included")
    func escaping() {
        let markup = El("a", .href(Self.hostile), .title(Self.hostile), .data("note", Self.hostile)) { Self.hostile }.markup
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &amp;amp;"
        #expect(markup == "<a href=\"\(escaped)\" title=\"\(escaped)\" data-note=\"\(escaped)\">\(escaped)</a>")
        #expect(!markup.contains("<script>"))
    }

    @Test("an unset attribute is left out, a flag is written bare, and void elements close themselves")
    func attributes() {
        #expect(
            El("input", .type("checkbox"), .flag("checked"), .flag("required", false), .class(nil)).markup
                == #"<input type="checkbox" checked/>"#)
        #expect(El("input", .value("")).markup == #"<input value/>"#)
    }

    @Test("an element holds components, groups and Plot's own nodes, each written once in place")
    func mixedContent() {
        let markup = El("div") {
            Node<HTML.BodyContext>.p(.text("from Plot"))
            Node<HTML.ListContext>.li(.text("a list item"))
            CodedName("Claims <desk>", code: "claims")
            ["a", "b"] as [Component]
        }.markup
        #expect(markup == #"<div><p>from Plot</p><li>a list item</li>Claims &lt;desk&gt; <span class="code">claims</span>ab</div>"#)
        // Placed inside a Plot document, as the layout places a page, it renders the same.
        let element = El("p", .class("lead")) { "Tom & Jerry" }
        #expect(Node<HTML.BodyContext>.div(.component(element)).render() == #"<div><p class="lead">Tom &amp; Jerry</p></div>"#)
    }

    @Test("a table carries each column's name into its cells for the phone layout")
    func table() {
        let markup = DataTable(caption: "Units", columns: ["Unit", ""], rows: [["Claims <desk>", El("strong") { "5" }]]).markup
        #expect(markup.hasPrefix(#"<table class="stacked" role="table"><caption>Units</caption>"#))
        #expect(markup.contains(#"<td role="cell" data-label="Unit">Claims &lt;desk&gt;</td>"#))
        // A column without a name gives its cells no label to show.
        #expect(markup.contains(#"<td role="cell"><strong>5</strong></td>"#))
    }

    @Test("a chart frame has a visible title, a caption and its figures as a table")
    func chartFrame() {
        let markup = ChartFrame(
            title: "Scores & more", svg: "<svg class=\"chart\"></svg>", caption: "Dashed: target",
            table: DataTable(columns: ["Month", "Score"], rows: [["2026-01", "12"]])
        ).markup
        #expect(
            markup.hasPrefix(
                #"<figure class="chart-frame"><figcaption class="chart-title">Scores &amp; more</figcaption><svg class="chart"></svg>"#))
        #expect(
            markup.contains(
                #"<p class="chart-caption">Dashed: target</p><details class="chart-table"><summary>The figures as a table</summary><table"#)
        )
    }

    @Test("the current entry of a sub-navigation is named, not linked")
    func subNavigation() {
        let markup = SubNavigation(label: "Segment", links: [("All", "/r", true), ("Home <owners>", "/r?segment=h&x=1", false)]).markup
        #expect(
            markup
                == #"<nav class="filters" aria-label="Segment"><strong aria-current="page">All</strong> · <a href="/r?segment=h&amp;x=1">Home &lt;owners&gt;</a></nav>"#
        )
    }

    @Test("the design tokens are the stylesheet's custom properties, and the focus ring uses them")
    func tokens() {
        #expect(Stylesheet.css.hasPrefix(DesignTokens.cssProperties))
        #expect(DesignTokens.cssProperties.contains("--focus: \(DesignTokens.focus);"))
        #expect(Stylesheet.css.contains("outline: 3px solid var(--focus)"))
        // The charts draw with the same values the stylesheet publishes.
        #expect(Charts.fill(90) == DesignTokens.scoreHigh)
    }

    @Test("the focus ring keeps at least 3:1 against every background it can sit on")
    func focusContrast() {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            let channels = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.039_28 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        for background in [DesignTokens.background, DesignTokens.soft] {
            let (light, dark) = (luminance(background), luminance(DesignTokens.focus))
            #expect((light + 0.05) / (dark + 0.05) >= 3, "focus ring against \(background)")
        }
    }
}
