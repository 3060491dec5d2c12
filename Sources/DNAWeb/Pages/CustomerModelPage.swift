import DNACore
import DNAStore
import Plot

/// The links between the outside-view pages, shown at the top of each.
enum CustomerNavigation {
    static func html(_ slug: String, current: String) -> String {
        let entries: [(String, SiteURL)] = [
            ("Model", .customerModel(slug)), ("Studies & votes", .surveys(slug)), ("Task tests", .taskTests(slug)),
            ("Time ledger", .timeLedger(slug)), ("Customer metrics", .customerMetrics(slug)),
        ]
        return Markup.subNavigation(label: "Customer model", entries, current: current)
    }
}

/// The customer model: segments, jobs with their desired outcomes, offerings and the top-tasks
/// list; which jobs nothing serves; which outcomes the organization's people say they serve.
enum CustomerModelPage {
    struct Model {
        var workspace: Workspace
        var model: CustomerModel
        /// The assessment wave the inside-view link comes from, and the units naming each outcome.
        var coverageCampaign: String?
        var coverage: [String: [String]]
        var unitNames: [String: String]
        /// Outcome codes some initiative leads to in the line of sight.
        var addressedOutcomes: Set<String> = []
        var canEdit: Bool
        var csrfToken: String?
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Customer model" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, customer = model.model
            var html = "<h1>Customer model</h1>" + CustomerNavigation.html(slug, current: "Model")
            html +=
                "<p>Who the customers are, the jobs they hire offerings to get done, and how they judge success (desired outcomes). Outcome studies, top-tasks votes and the assessment's line-of-sight question all build on this model.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            html += Markup.cards([
                ("\(customer.segments.count)", "segments"), ("\(customer.jobs.count)", "jobs"),
                ("\(customer.outcomes.count)", "desired outcomes"),
                ("\(customer.offerings.count)", "offerings"), ("\(customer.tasks.count)", "tasks in the top-tasks list"),
            ])
            html += jobsSection()
            html += "<h2>Jobs no offering serves</h2>"
            let unserved = customer.unservedJobs
            html +=
                unserved.isEmpty
                ? "<p>Every job has at least one offering hired for it.</p>"
                : "<ul>"
                    + unserved.map { "<li>\(Markup.text($0.statement)) <span class=\"code\">\(Markup.text($0.code))</span></li>" }.joined()
                    + "</ul>"
            html += "<h2>Outcomes no initiative addresses</h2>"
            let unaddressed = customer.outcomes.filter { !model.addressedOutcomes.contains($0.code) }
            html +=
                unaddressed.isEmpty
                ? "<p>Every outcome has an initiative leading to it in the "
                    + Markup.link("line of sight", .lineOfSight(model.workspace.slug))
                    + ".</p>"
                : "<p>No initiative in the " + Markup.link("line of sight", .lineOfSight(model.workspace.slug))
                    + " leads to these:</p><ul class=\"unaddressed\">"
                    + unaddressed.map { "<li>\(Markup.text($0.sentence)) <span class=\"code\">\(Markup.text($0.code))</span></li>" }
                    .joined()
                    + "</ul>"
            html += coverageSection()
            html += "<h2>Offerings</h2>"
            let statements = Dictionary(uniqueKeysWithValues: customer.jobs.map { ($0.code, $0.statement) })
            html += Markup.table(
                header: ["Offering", "Kind", "Hired for"],
                rows: customer.offerings.map {
                    [
                        Markup.text($0.name) + " <span class=\"code\">\(Markup.text($0.code))</span>", Markup.text($0.kind.rawValue),
                        Markup.text($0.jobs.map { statements[$0] ?? $0 }.joined(separator: "; ")),
                    ]
                })
            html += "<h2>Segments</h2>"
            html += Markup.table(
                header: ["Segment", "Code", "Description"],
                rows: customer.segments.map {
                    [Markup.text($0.name), "<span class=\"code\">\(Markup.text($0.code))</span>", Markup.text($0.description)]
                })
            html += "<h2>Top-tasks list</h2><details><summary>\(customer.tasks.count) tasks</summary>"
            html += Markup.table(
                header: ["Code", "Task"],
                rows: customer.tasks.map { ["<span class=\"code\">\(Markup.text($0.code))</span>", Markup.text($0.title)] })
            html += "</details>"
            html += "<p>" + Markup.link("Download the model as YAML", .customerModelExport(slug)) + "</p>"
            if model.canEdit { html += editForms() }
            return .raw(html)
        }

        private func jobsSection() -> String {
            let customer = model.model
            var html = "<h2>Jobs and desired outcomes</h2>"
            let offeringsOf = Dictionary(
                grouping: customer.offerings.flatMap { offering in offering.jobs.map { ($0, offering.name) } }, by: \.0)
            func outcomeList(_ outcomes: [CustomerModel.Outcome]) -> String {
                "<ul>"
                    + outcomes.map { outcome in
                        let units = model.coverage[outcome.code]?.count ?? 0
                        return
                            "<li>\(Markup.text(outcome.sentence)) <span class=\"code\">\(Markup.text(outcome.code))</span>\(units > 0 ? " — named by \(units) unit\(units == 1 ? "" : "s")" : "")</li>"
                    }.joined() + "</ul>"
            }
            for job in customer.jobs {
                html += "<section class=\"job\"><h3>\(Markup.text(job.statement)) <span class=\"code\">\(Markup.text(job.code))</span></h3>"
                var facts: [String] = []
                if !job.situation.isEmpty { facts.append("Situation: " + Markup.text(job.situation)) }
                if let step = job.step { facts.append("Job-map step: " + step.rawValue) }
                let offerings = offeringsOf[job.code]?.map(\.1) ?? []
                facts.append(
                    offerings.isEmpty
                        ? "<strong>No offering serves this job.</strong>" : "Hired: " + Markup.text(offerings.joined(separator: ", ")))
                html += "<p>" + facts.joined(separator: " · ") + "</p>"
                html += outcomeList(customer.outcomes.filter { $0.job == job.code }) + "</section>"
            }
            let loose = customer.outcomes.filter { $0.job == nil }
            if !loose.isEmpty { html += "<h3>Outcomes not tied to a job</h3>" + outcomeList(loose) }
            return html
        }

        private func coverageSection() -> String {
            var html = "<h2>Which units say their work serves each outcome</h2>"
            guard let campaign = model.coverageCampaign else {
                return html
                    + "<p>No assessment wave has answers yet. Its line-of-sight question asks each person which of these outcomes their work serves.</p>"
            }
            html +=
                "<p>From the assessment wave <em>\(Markup.text(campaign))</em>: units in which at least one person named the outcome as the customer value of their work. Units with fewer than \(model.workspace.minGroupSize) answers are not counted.</p>"
            let rows = model.model.outcomes.map { outcome -> [String] in
                let units = model.coverage[outcome.code] ?? []
                return [
                    Markup.text(outcome.sentence), "\(units.count)",
                    units.isEmpty
                        ? "<strong>no unit</strong>" : Markup.text(units.map { model.unitNames[$0] ?? $0 }.joined(separator: ", ")),
                ]
            }
            return html + Markup.table(header: ["Outcome", "Units", "Which"], rows: rows, className: "coverage")
        }

        private func editForms() -> String {
            let slug = model.workspace.slug, csrf = model.csrfToken, customer = model.model
            let jobs = customer.jobs.map { ($0.code, $0.statement) }
            var html = "<h2>Edit the model</h2><p>Saving a code that exists already updates that record.</p>"
            html += "<details><summary>Add or update a segment</summary>"
            html += Markup.form(
                action: SiteURL.customerRecord(slug, "segment").path, csrf: csrf, submit: "Save segment",
                html: Markup.input("Code", name: "code", id: "segment-code", required: true)
                    + Markup.input("Name", name: "name", id: "segment-name", required: true)
                    + Markup.input("Description", name: "description", id: "segment-description"))
            html += "</details><details><summary>Add or update a job</summary>"
            html += Markup.form(
                action: SiteURL.customerRecord(slug, "job").path, csrf: csrf, submit: "Save job",
                html: Markup.input("Code", name: "code", id: "job-code", required: true)
                    + Markup.input(
                        "Statement (verb + object + context)", name: "statement", id: "job-statement", required: true,
                        extra: "placeholder=\"Get a damaged home repaired\"")
                    + Markup.input("Situation", name: "situation", id: "job-situation")
                    + Markup.select(
                        "Job-map step", name: "step", id: "job-step",
                        options: CustomerModel.JobStep.allCases.map { ($0.rawValue, $0.rawValue) }, blank: "(none)"))
            html += "</details><details><summary>Add or update a desired outcome</summary>"
            html += Markup.form(
                action: SiteURL.customerRecord(slug, "outcome").path, csrf: csrf, submit: "Save outcome",
                html: Markup.input("Code", name: "code", id: "outcome-code", required: true)
                    + Markup.select("Job", name: "job", id: "outcome-job", options: jobs, blank: "(no job)")
                    + Markup.select(
                        "Direction", name: "direction", id: "outcome-direction",
                        options: CustomerOutcome.Direction.allCases.map { ($0.rawValue, $0.rawValue) })
                    + Markup.input(
                        "Metric", name: "metric", id: "outcome-metric", required: true, extra: "placeholder=\"the time it takes\"")
                    + Markup.input(
                        "Object of control", name: "object", id: "outcome-object", required: true,
                        extra: "placeholder=\"to report a claim\"")
                    + Markup.input("Clarifier", name: "clarifier", id: "outcome-clarifier", extra: "placeholder=\"after an incident\""))
            html += "</details><details><summary>Add or update an offering</summary>"
            var jobBoxes = "<fieldset><legend>Jobs it is hired for</legend>"
            for (code, statement) in jobs {
                jobBoxes +=
                    "<div class=\"choice\"><input type=\"checkbox\" id=\"offering-job-\(Markup.text(code))\" name=\"jobs\" value=\"\(Markup.text(code))\"><label for=\"offering-job-\(Markup.text(code))\">\(Markup.text(statement))</label></div>"
            }
            jobBoxes += "</fieldset>"
            html += Markup.form(
                action: SiteURL.customerRecord(slug, "offering").path, csrf: csrf, submit: "Save offering",
                html: Markup.input("Code", name: "code", id: "offering-code", required: true)
                    + Markup.input("Name", name: "name", id: "offering-name", required: true)
                    + Markup.select(
                        "Kind", name: "kind", id: "offering-kind",
                        options: CustomerModel.OfferingKind.allCases.map { ($0.rawValue, $0.rawValue) })
                    + Markup.input("Description", name: "description", id: "offering-description") + jobBoxes)
            html += "</details><details><summary>Add or update a task of the top-tasks list</summary>"
            html += Markup.form(
                action: SiteURL.customerRecord(slug, "task").path, csrf: csrf, submit: "Save task",
                html: Markup.input("Code", name: "code", id: "task-code", required: true)
                    + Markup.input("Task", name: "title", id: "task-title", required: true))
            html += "</details><details><summary>Remove a record</summary>"
            html += Markup.form(
                action: SiteURL.customerRecordDelete(slug).path, csrf: csrf, submit: "Remove",
                html: Markup.select(
                    "Kind", name: "kind", id: "delete-kind", options: CustomerRecordKind.allCases.map { ($0.rawValue, $0.rawValue) })
                    + Markup.input("Code", name: "code", id: "delete-code", required: true))
            html += "</details><h2>Import a model file</h2>"
            html +=
                "<p>YAML with any of <code>segments</code>, <code>jobs</code>, <code>outcomes</code>, <code>offerings</code> and <code>tasks</code>, as the download above writes it. Records are matched by code; the import is all or nothing.</p>"
            html += Markup.form(
                action: SiteURL.customerModelImport(slug).path, csrf: csrf, submit: "Import",
                html: Markup.textarea("Model YAML", name: "yaml", value: model.submittedText, rows: 12))
            return html
        }
    }
}
