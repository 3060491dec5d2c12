import DNAApp
import DNACore
import Plot

/// A chosen node's details: what it is, what leads to it and from it, what the check found,
/// what measures it, what supports or contradicts it and which hypotheses test it; for an
/// analyst, a form to connect it to the nodes it may lead to.
struct NodeDetailsSection: Component {
    let model: LineOfSightPage.Model
    let details: LineOfSightService.NodeDetails

    var body: Component {
        let node = details.node, slug = model.workspace.slug
        var facts: [(AdminText, AdminText)] = []
        if let effort = node.effort { facts.append(("Effort", "\(AnalysisOutput.grouped(effort)) \(LineOfSightPage.effortUnit)")) }
        if let budget = node.budget { facts.append(("Budget", "\(AnalysisOutput.grouped(budget)) \(LineOfSightPage.budgetUnit)")) }
        if let status = node.status { facts.append(("Status", status.wording)) }
        if let shipped = node.shippedOn { facts.append(("Shipped on", AdminText(verbatim: shipped))) }
        return El("section", .id("details"), .class("node-details"), .aria("labelledby", "details-title")) {
            El("h2", .id("details-title")) {
                CodedName(words("\(AdminText(wording: node.type.title)): \(node.title.isEmpty ? node.code : node.title)"), code: node.code)
            }
            El("p") {
                "Every path through this node is lit in the drawing. "
                PageLink("Clear the choice", href: model.address(node: nil))
            }
            if !node.description.isEmpty { El("p") { node.description } }
            if !facts.isEmpty {
                El("dl", .class("facts")) {
                    for (term, value) in facts {
                        El("dt") { term }
                        El("dd") { value }
                    }
                }
            }
            El("div", .class("split")) {
                El("div") {
                    El("h3") { "Comes from" }
                    nodeList(details.from, none: "Nothing leads to this node.")
                }
                El("div") {
                    El("h3") { "Leads to" }
                    nodeList(details.to, none: "This node leads nowhere yet.")
                }
            }
            El("h3") { "Findings" }
            if details.findings.isEmpty {
                El("p") { "The check found nothing here." }
            } else {
                El("ul") {
                    for finding in details.findings {
                        El("li") {
                            El("span", .class("finding \(finding.kind.rawValue)")) { finding.kind.wording }
                            ": "
                            finding.wording
                        }
                    }
                }
            }
            El("h3") { "Metrics" }
            if details.metrics.isEmpty {
                nothingYet("No metric measures this node.", action: "Add one on the metrics page", at: .loopMetrics(slug))
            } else {
                DataTable(
                    columns: ["Metric", "Value to", "Unit", "Target"],
                    rows: details.metrics.map {
                        [
                            CodedName($0.name, code: $0.code), AdminText(wording: $0.kind.title), $0.unit,
                            $0.target.map { AnalysisOutput.grouped($0) } ?? "",
                        ]
                    })
            }
            El("h3") { "Evidence" }
            evidenceList()
            El("h3") { "Hypotheses" }
            hypothesisList()
            if model.canEdit { connectForm() }
        }
    }

    @HTMLBuilder private func evidenceList() -> ComponentGroup {
        if details.evidence.isEmpty {
            nothingYet("No evidence is linked to this node.", action: "Record evidence", at: .evidence(model.workspace.slug))
        } else {
            El("ul") {
                for item in details.evidence {
                    let stance = item.links.first { $0.target == .node && $0.code == details.node.code }?.stance ?? .supports
                    El("li") {
                        El("strong") { stance.wording }
                        ": " + item.title + " "
                        El("span", .class("code")) { "\(item.code), \(item.capturedOn)" }
                    }
                }
            }
        }
    }

    @HTMLBuilder private func hypothesisList() -> ComponentGroup {
        if details.hypotheses.isEmpty {
            nothingYet("No hypothesis names this node.", action: "Write one", at: .hypotheses(model.workspace.slug))
        } else {
            El("ul") {
                for card in details.hypotheses {
                    El("li") {
                        El("span", .class("code")) { card.code }
                        card.by.map { " \(card.change) (\(card.status.wording), by \($0))" } ?? " \(card.change) (\(card.status.wording))"
                    }
                }
            }
        }
    }

    /// What the node lacks, and a link to where it is added.
    private func nothingYet(_ sentence: AdminText, action: AdminText, at url: SiteURL) -> Component {
        El("p") {
            sentence
            " "
            PageLink(action, url)
            "."
        }
    }

    private func nodeList(_ nodes: [LineOfSightGraph.Node], none: AdminText) -> Component {
        guard !nodes.isEmpty else { return El("p") { none } }
        return El("ul") {
            for node in nodes {
                El("li") {
                    PageLink(
                        "\(AdminText(wording: node.type.title)): \(node.title)", href: model.address(node: node.code, fragment: "details"))
                }
            }
        }
    }

    /// Only the targets the model allows from this node, grouped by type; the customer
    /// model's outcomes not in the graph yet join it when connected.
    private func connectForm() -> Component {
        let node = details.node
        var groups: [(AdminText, [(String, String)])] = LineOfSightModel.NodeType.allCases.compactMap { type in
            let nodes = details.allowedTargets.filter { $0.type == type }
            return nodes.isEmpty ? nil : (AdminText(wording: type.title), nodes.map { ($0.code, "\($0.title) [\($0.code)]") })
        }
        if !details.outcomesToAdd.isEmpty {
            groups.append(
                (
                    "Customer outcomes not in the graph yet (added when connected)",
                    details.outcomesToAdd.map { ($0.code, "\($0.sentence) [\($0.code)]") }
                ))
        }
        guard !groups.isEmpty else {
            return El("p") { "No edge may start at this node, or it leads to every node it may already." }
        }
        return PostForm(action: SiteURL.lineOfSightEdges(model.workspace.slug).path, csrf: model.csrfToken, submit: "Connect") {
            El("h3") { "Connect \(node.code) to" }
            El("input", .type("hidden"), .name("from"), .value(node.code))
            El("label", .for("edge-to")) { "To" }
            El("select", .id("edge-to"), .name("to"), .flag("required")) {
                El("option", .value("")) { "(choose)" }
                for (label, options) in groups {
                    El("optgroup", Attr("label", label.resolved)) {
                        for (value, title) in options { El("option", .value(value)) { title } }
                    }
                }
            }
        }
    }
}
