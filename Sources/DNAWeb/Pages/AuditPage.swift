import DNACore
import Foundation
import Plot

/// The audit log for a workspace's admins: every change by a person or token, newest first.
enum AuditPage {
    struct Model {
        var workspace: Workspace
        var entries: [AuditEntry]
    }

    struct View: PageView {
        let model: Model
        var title: String { "Audit log" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            .group(
                .h1("Audit log"),
                .p(
                    .plain(
                        "Every change made in this workspace by a person or an API token, from the pages, the API or the command line, newest first. Answers of respondents are never recorded here."
                    )),
                .if(
                    model.entries.isEmpty,
                    .p(.class("empty"), .plain("Nothing has been changed yet.")),
                    else: .table(
                        .thead(.tr(.th("When (UTC)"), .th("Who"), .th("Through"), .th("What"), .th("Record"), .th("Summary"))),
                        .tbody(
                            .forEach(model.entries) { entry in
                                .tr(
                                    .td(.plain(Date(timeIntervalSince1970: TimeInterval(entry.at)).formatted(.iso8601))),
                                    .td(.plain(entry.actor)), .td(.plain(entry.via.rawValue)), .td(.class("code"), .plain(entry.action)),
                                    .td(.class("code"), .plain(entry.record)), .td(.plain(entry.summary))
                                )
                            })
                    )
                ),
                .if(
                    model.entries.count >= 100,
                    .p(
                        .plain("The newest 100 entries are shown. "),
                        .a(.href(SiteURL.audit(model.workspace.slug).path + "?limit=1000"), .plain("Show up to 1,000")),
                        .plain(", or read the whole log with "), .code("cdna audit"), .plain(" or the API.")))
            )
        }
    }
}
