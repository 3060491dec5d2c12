import DNAIdentity
import DNAStore
import Hummingbird
import Logging
import Metrics
import Prometheus

/// What the application is built from. Tests pass a fixed clock and a lower bcrypt cost.
public struct AppDependencies: Sendable {
    public var store: Store
    public var configuration: AppConfiguration
    public var clock: any AppClock
    public var logger: Logger
    /// The organization's identity provider, when single sign-on is set up.
    public var openID: OpenIDProvider?

    public init(
        store: Store, configuration: AppConfiguration, clock: any AppClock = SystemClock(), logger: Logger = Logger(label: "cdna"),
        openID: OpenIDProvider? = nil
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.openID = openID
    }

    public var accounts: Accounts { Accounts(store: store, clock: clock, configuration: configuration, openID: openID) }
}

/// Process-wide metrics: swift-metrics can be bootstrapped once per process, so the registry
/// lives here and every application built in the process reports into it.
public enum Telemetry {
    public static let registry = PrometheusCollectorRegistry()
    public static let bootstrap: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
}

/// The router with every route and middleware; public so tests can compare it with the
/// OpenAPI document.
public func buildRouter(_ dependencies: AppDependencies) -> Router<AppContext> {
    _ = Telemetry.bootstrap
    let router = Router(context: AppContext.self)
    // Metrics sit outside the error middleware so they count the status actually answered
    // (a 404 page, not the error thrown on the way to it).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: AdminLanguageMiddleware(language: dependencies.configuration.adminLanguage))
    router.add(middleware: ErrorMiddleware(logger: dependencies.logger))
    router.add(middleware: AuthMiddleware(accounts: dependencies.accounts))
    router.add(middleware: CurrentRequestMiddleware())
    SystemController().addRoutes(to: router)
    SessionController(accounts: dependencies.accounts, secureCookies: dependencies.configuration.secureCookies).addRoutes(to: router)
    PageController(
        store: dependencies.store, clock: dependencies.clock, publicURL: dependencies.configuration.publicBaseURL,
        linkKey: dependencies.configuration.linkKey, sendsMail: dependencies.configuration.sendsMail, accounts: dependencies.accounts
    )
    .addRoutes(to: router)
    RespondentController(store: dependencies.store, clock: dependencies.clock).addRoutes(to: router)
    CustomerSurveyController(store: dependencies.store, clock: dependencies.clock).addRoutes(to: router)
    BrandController(store: dependencies.store).addRoutes(to: router)
    ScimController(store: dependencies.store, clock: dependencies.clock, publicURL: dependencies.configuration.publicBaseURL)
        .addRoutes(to: router)
    do {
        try GeneratedAPI(
            store: dependencies.store, accounts: dependencies.accounts, publicURL: dependencies.configuration.publicBaseURL,
            registry: Telemetry.registry
        ).register(on: router)
    } catch {
        // Registration fails only when the generated paths cannot be parsed: a build defect.
        fatalError("the generated API routes cannot be registered: \(error)")
    }
    return router
}

/// The whole server. Running it handles SIGTERM/SIGINT with a graceful shutdown: open
/// requests finish, then the process exits.
public func buildApplication(_ dependencies: AppDependencies) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        server: .http1(configuration: .init(idleTimeout: .seconds(dependencies.configuration.idleTimeout))),
        configuration: .init(
            address: .hostname(dependencies.configuration.host, port: dependencies.configuration.port), serverName: "CustomerDNA"),
        logger: dependencies.logger)
}
