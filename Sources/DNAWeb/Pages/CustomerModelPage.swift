import DNACore
import DNAStore
import Plot

/// The links between the outside-view pages, shown at the top of each.
struct CustomerNavigation: Component {
    var slug: String
    var current: AdminText

    var body: Component {
        let entries: [(AdminText, SiteURL)] = [
            ("Model", .customerModel(slug)), ("Studies & votes", .surveys(slug)), ("Task tests", .taskTests(slug)),
            ("Time ledger", .timeLedger(slug)), ("Customer metrics", .customerMetrics(slug)),
        ]
        return SubNavigation(label: "Customer model", entries, current: current)
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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Customer model" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, customer = model.model
            PageHeader(
                title: "Customer model", navigation: CustomerNavigation(slug: slug, current: "Model"),
                lead:
                    "Who the customers are, the jobs they hire offerings to get done, and how they judge success (desired outcomes). Outcome studies, top-tasks votes and the assessment's line-of-sight question all build on this model."
            )
            Notice(message: model.notice, problems: model.problems)
            StatCards([
                ("\(customer.segments.count)", "segments"), ("\(customer.jobs.count)", "jobs"),
                ("\(customer.outcomes.count)", "desired outcomes"),
                ("\(customer.offerings.count)", "offerings"), ("\(customer.tasks.count)", "tasks in the top-tasks list"),
            ])
            if customer.jobs.isEmpty && customer.outcomes.isEmpty {
                EmptyState(
                    what: "The customer model is empty.",
                    start: "Add segments, jobs and desired outcomes with the forms below, or import a model file.",
                    readOnly: "An analyst or admin describes the customers here.", canEdit: model.canEdit)
            }
            jobsSection()
            El("h2") { "Jobs no offering serves" }
            let unserved = customer.unservedJobs
            if unserved.isEmpty {
                El("p") { "Every job has at least one offering hired for it." }
            } else {
                El("ul") { for job in unserved { El("li") { CodedName(job.statement, code: job.code) } } }
            }
            El("h2") { "Outcomes no initiative addresses" }
            let unaddressed = customer.outcomes.filter { !model.addressedOutcomes.contains($0.code) }
            if unaddressed.isEmpty {
                El("p") {
                    "Every outcome has an initiative leading to it in the "
                    PageLink("line of sight", .lineOfSight(slug))
                    "."
                }
            } else {
                El("p") {
                    "No initiative in the "
                    PageLink("line of sight", .lineOfSight(slug))
                    " leads to these:"
                }
                El("ul", .class("unaddressed")) {
                    for outcome in unaddressed { El("li") { CodedName(outcome.sentence, code: outcome.code) } }
                }
            }
            coverageSection()
            El("h2") { "Offerings" }
            let statements = Dictionary(uniqueKeysWithValues: customer.jobs.map { ($0.code, $0.statement) })
            DataTable(
                columns: ["Offering", "Kind", "Hired for"],
                rows: customer.offerings.map {
                    [
                        CodedName($0.name, code: $0.code), $0.kind.wording, $0.jobs.map { statements[$0] ?? $0 }.joined(separator: "; "),
                    ]
                })
            El("h2") { "Segments" }
            DataTable(
                columns: ["Segment", "Code", "Description"],
                rows: customer.segments.map { segment in [segment.name, El("span", .class("code")) { segment.code }, segment.description] })
            El("h2") { "Top-tasks list" }
            El("details") {
                El("summary") { "\(customer.tasks.count) tasks" }
                DataTable(
                    columns: ["Code", "Task"], rows: customer.tasks.map { task in [El("span", .class("code")) { task.code }, task.title] })
            }
            El("p") { PageLink("Download the model as YAML", .customerModelExport(slug)) }
            if model.canEdit { editForms() }
        }

        @HTMLBuilder private func jobsSection() -> ComponentGroup {
            let customer = model.model
            El("h2") { "Jobs and desired outcomes" }
            let offeringsOf = Dictionary(
                grouping: customer.offerings.flatMap { offering in offering.jobs.map { ($0, offering.name) } }, by: \.0)
            for job in customer.jobs {
                let offerings = offeringsOf[job.code]?.map(\.1) ?? []
                El("section", .class("job")) {
                    El("h3") { CodedName(job.statement, code: job.code) }
                    El("p") {
                        if !job.situation.isEmpty { "Situation: \(job.situation) · " }
                        if let step = job.step { "Job-map step: \(step.wording) · " }
                        if offerings.isEmpty {
                            El("strong") { "No offering serves this job." }
                        } else {
                            "Hired: \(offerings.joined(separator: ", "))"
                        }
                    }
                    outcomeList(customer.outcomes.filter { $0.job == job.code })
                }
            }
            let loose = customer.outcomes.filter { $0.job == nil }
            if !loose.isEmpty {
                El("h3") { "Outcomes not tied to a job" }
                outcomeList(loose)
            }
        }

        private func outcomeList(_ outcomes: [CustomerModel.Outcome]) -> Component {
            El("ul") {
                for outcome in outcomes {
                    let units = model.coverage[outcome.code]?.count ?? 0
                    El("li") {
                        CodedName(outcome.sentence, code: outcome.code)
                        if units > 0 { AdminText.plural(units, one: " — named by 1 unit", other: " — named by \(units) units") }
                    }
                }
            }
        }

        @HTMLBuilder private func coverageSection() -> ComponentGroup {
            El("h2") { "Which units say their work serves each outcome" }
            if let campaign = model.coverageCampaign {
                El("p") {
                    "From the assessment wave "
                    El("em") { campaign }
                    ": units in which at least one person named the outcome as the customer value of their work. Units with fewer than \(model.workspace.minGroupSize) answers are not counted."
                }
                DataTable(
                    columns: ["Outcome", "Units", "Which"],
                    rows: model.model.outcomes.map { outcome in
                        let units = model.coverage[outcome.code] ?? []
                        return [
                            outcome.sentence, "\(units.count)",
                            units.isEmpty
                                ? El("strong") { "no unit" } as Component : units.map { model.unitNames[$0] ?? $0 }.joined(separator: ", "),
                        ]
                    }, className: "coverage")
            } else {
                El("p") {
                    "No assessment wave has answers yet. Its line-of-sight question asks each person which of these outcomes their work serves."
                }
            }
        }

        @HTMLBuilder private func editForms() -> ComponentGroup {
            let slug = model.workspace.slug, csrf = model.csrfToken, customer = model.model
            let jobs = customer.jobs.map { ($0.code, $0.statement) }
            El("h2") { "Edit the model" }
            El("p") { "Saving a code that exists already updates that record." }
            El("details") {
                El("summary") { "Add or update a segment" }
                PostForm(action: SiteURL.customerRecord(slug, "segment").path, csrf: csrf, submit: "Save segment") {
                    Field.input("Code", name: "code", id: "segment-code", required: true)
                    Field.input("Name", name: "name", id: "segment-name", required: true)
                    Field.input("Description", name: "description", id: "segment-description")
                }
            }
            El("details") {
                El("summary") { "Add or update a job" }
                PostForm(action: SiteURL.customerRecord(slug, "job").path, csrf: csrf, submit: "Save job") {
                    Field.input("Code", name: "code", id: "job-code", required: true)
                    Field.input(
                        "Statement (verb + object + context)", name: "statement", id: "job-statement", required: true,
                        .placeholder("Get a damaged home repaired"))
                    Field.input("Situation", name: "situation", id: "job-situation")
                    Field.select(
                        "Job-map step", name: "step", id: "job-step",
                        options: CustomerModel.JobStep.allCases.map { ($0.rawValue, $0.wording) },
                        blank: "(none)")
                }
            }
            El("details") {
                El("summary") { "Add or update a desired outcome" }
                PostForm(action: SiteURL.customerRecord(slug, "outcome").path, csrf: csrf, submit: "Save outcome") {
                    Field.input("Code", name: "code", id: "outcome-code", required: true)
                    Field.select("Job", name: "job", id: "outcome-job", options: jobs, blank: "(no job)")
                    Field.select(
                        "Direction", name: "direction", id: "outcome-direction",
                        options: CustomerOutcome.Direction.allCases.map { ($0.rawValue, $0.wording) })
                    Field.input("Metric", name: "metric", id: "outcome-metric", required: true, .placeholder("the time it takes"))
                    Field.input(
                        "Object of control", name: "object", id: "outcome-object", required: true, .placeholder("to report a claim"))
                    Field.input("Clarifier", name: "clarifier", id: "outcome-clarifier", .placeholder("after an incident"))
                }
            }
            El("details") {
                El("summary") { "Add or update an offering" }
                PostForm(action: SiteURL.customerRecord(slug, "offering").path, csrf: csrf, submit: "Save offering") {
                    Field.input("Code", name: "code", id: "offering-code", required: true)
                    Field.input("Name", name: "name", id: "offering-name", required: true)
                    Field.select(
                        "Kind", name: "kind", id: "offering-kind",
                        options: CustomerModel.OfferingKind.allCases.map { ($0.rawValue, $0.wording) })
                    Field.input("Description", name: "description", id: "offering-description")
                    let ticked = Set(Refused.typedAll("jobs"))
                    Field.group("Jobs it is hired for") {
                        for (code, statement) in jobs {
                            Field.choice(
                                AdminText(verbatim: statement), name: "jobs", value: code, id: "offering-job-" + code,
                                checked: ticked.contains(code))
                        }
                    }
                }
            }
            El("details") {
                El("summary") { "Add or update a task of the top-tasks list" }
                PostForm(action: SiteURL.customerRecord(slug, "task").path, csrf: csrf, submit: "Save task") {
                    Field.input("Code", name: "code", id: "task-code", required: true)
                    Field.input("Task", name: "title", id: "task-title", required: true)
                }
            }
            El("details") {
                El("summary") { "Remove a record" }
                PostForm(action: SiteURL.customerRecordDelete(slug).path, csrf: csrf, submit: "Remove") {
                    Field.select(
                        "Kind", name: "kind", id: "delete-kind", options: CustomerRecordKind.allCases.map { ($0.rawValue, $0.wording) })
                    Field.input("Code", name: "code", id: "delete-code", required: true)
                }
            }
            El("h2") { "Import a model file" }
            El("p") {
                "YAML with any of "
                El("code") { "segments" }
                ", "
                El("code") { "jobs" }
                ", "
                El("code") { "outcomes" }
                ", "
                El("code") { "offerings" }
                " and "
                El("code") { "tasks" }
                ", as the download above writes it. Records are matched by code; the import is all or nothing."
            }
            PostForm(action: SiteURL.customerModelImport(slug).path, csrf: csrf, submit: "Import") {
                Field.textarea("Model YAML", name: "yaml", value: model.submittedText, rows: 12)
            }
        }
    }
}
