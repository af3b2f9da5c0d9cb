import AllianceRepository
import SDMXModel

/// A data or availability query as a client sent it, read but not yet checked against any structure:
/// SDMX REST 1.5 `/data/{flowRef}/{key}/{providerRef}` and `/availableconstraint/{flowRef}/{key}/{providerRef}/
/// {componentId}`, or 2.x `/data/{context}/{agency}/{id}/{version}/{key}` and `/availability/…/{key}/
/// {componentId}`, with their query parameters. ``resolve(in:)`` checks it against the structures.
public struct DataQuery: Sendable, Equatable {
    /// Which resource the path named.
    public enum Resource: Sendable, Equatable {
        /// `data`.
        case data
        /// 1.5 `availableconstraint`, 2.x `availability`.
        case availability
    }

    /// What the 2.x path's first part names data by (1.5 always names a dataflow).
    public enum Context: String, Sendable, CaseIterable {
        /// The contexts 2.x names, as the path writes them.
        case dataflow, datastructure, provisionagreement
        /// Any context: the id may name a dataflow, a DSD or a provision agreement.
        case any = "*"
    }

    /// How much of the data to return (`detail`).
    public enum Detail: String, Sendable, CaseIterable {
        /// `full`: everything; `dataonly`: no attributes; `serieskeysonly`: the series keys alone; `nodata`: the
        /// series and their attributes without observations.
        case full, dataonly, serieskeysonly, nodata
    }

    /// The API the request came through, which decides the path's form and the status of semantic errors.
    public var api: APIVersion
    /// Data or availability.
    public var resource: Resource
    /// What the ids name (2.x's first path part; `dataflow` for 1.5).
    public var context: Context
    /// Agencies, ids and versions as given; `*` (2.x) stands for any. 1.5's `all` agency is `*`, its `all`
    /// and `latest` versions `latest`; 2.x's `+` and `~` are kept (both read as the latest loaded).
    public var agencies: [String]
    /// See ``agencies``: the dataflow (or DSD) ids.
    public var ids: [String]
    /// See ``agencies``: the versions.
    public var versions: [String]
    /// The key as written (``SeriesKeyFilter`` reads it); empty for all.
    public var key: String
    /// 1.5 providerRef, as written (`ID` or `AGENCY,ID`; `all` or absent: any). See ``resolve(in:cache:)``
    /// for what a provider selects.
    public var provider: String?
    /// Availability: the dimensions asked about (`*`/`all` or absent: all).
    public var componentIDs: [String]
    /// `startPeriod` / `endPeriod` as given.
    public var startPeriod: String?
    /// See ``startPeriod``: checked to be an SDMX time period when parsed.
    public var endPeriod: String?
    /// `c[COMPONENT]=…` conditions by component id.
    public var componentFilters: [String: [[ComponentCondition.Term]]]
    /// `updatedAfter` and `asOf` in the repository's instant form (``RepositoryInstant``).
    public var updatedAfter: String?
    /// See ``updatedAfter``: the time the answer shows the data as they were (a date alone means its end, UTC).
    public var asOf: String?
    /// `firstNObservations`: at most this many periods per series, from the first (at least 1).
    public var firstNObservations: Int?
    /// `lastNObservations`: at most this many periods per series, counting back from the last (at least 1).
    public var lastNObservations: Int?
    /// `dimensionAtObservation` as given (an SDMX id or `AllDimensions`); checked against the structure on resolving.
    public var dimensionAtObservation: String?
    /// `detail` (default `full`).
    public var detail: Detail
    /// `includeHistory`: every version of each observation, not only the one in force (default false).
    public var includeHistory: Bool
    /// 2.x `attributes` and `measures`, as listed (defaults `dsd` and `all`).
    public var attributes: [String]
    /// See ``attributes``: the measures to write.
    public var measures: [String]
    /// 1.5 `format` and availability's `references`, left to the caller.
    public var format: String?
    /// See ``format``: `references` of an availability query, as written (read by ``AvailabilityAnswer``).
    public var references: String?
    /// Availability `mode`.
    public var mode: DataAvailability.Mode

    /// Reads a query from the path segments after the resource name (already percent-decoded; a trailing
    /// empty segment is allowed) and the query parameters (decoded; `+` is never a space). Throws
    /// ``RESTError/syntax(_:)`` naming the part that cannot be read, and for parameters it does not know.
    public static func parse(
        api: APIVersion, resource: Resource = .data, segments: [String], parameters: [String: String]
    ) throws -> DataQuery {
        var segments = segments
        while segments.last == "" { segments.removeLast() }
        var query = DataQuery(
            api: api, resource: resource, context: .dataflow, agencies: ["*"], ids: ["*"], versions: ["*"],
            key: "", provider: nil, componentIDs: [], startPeriod: nil, endPeriod: nil, componentFilters: [:],
            updatedAfter: nil, asOf: nil, firstNObservations: nil, lastNObservations: nil,
            dimensionAtObservation: nil, detail: .full, includeHistory: false, attributes: ["dsd"],
            measures: ["all"], format: nil, references: nil, mode: .exact)
        switch api {
        case .v1: try query.readV1Path(segments)
        case .v2: try query.readV2Path(segments)
        }
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            try query.readParameter(name, value)
        }
        return query
    }

    private mutating func readV1Path(_ segments: [String]) throws {
        let limit = resource == .data ? 3 : 4
        guard let flowRef = segments.first, !flowRef.isEmpty else {
            throw RESTError.syntax("the path names no dataflow: write /\(resourceName)/{flowRef}[/{key}]")
        }
        guard segments.count <= limit else {
            throw RESTError.syntax(
                "the path has \(segments.count) parts after /\(resourceName)/; at most \(limit) are defined "
                    + (resource == .data ? "(flowRef, key, providerRef)" : "(flowRef, key, providerRef, componentId)"))
        }
        let parts = flowRef.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw RESTError.syntax("the flowRef '\(flowRef)' is not ID, AGENCY,ID or AGENCY,ID,VERSION")
        }
        let (agency, id, version) =
            parts.count == 1
            ? ("all", parts[0], "latest")
            : parts.count == 2 ? (parts[0], parts[1], "latest") : (parts[0], parts[1], parts[2])
        try Self.checkID(id, part: "the flowRef's dataflow id")
        agencies = [agency == "all" ? "*" : agency]
        ids = [id]
        versions = [version == "all" || version == "latest" ? "latest" : version]
        key = segments.count > 1 ? segments[1] : ""
        if key == "all" { key = "" }
        if segments.count > 2, segments[2] != "all", !segments[2].isEmpty {
            let parts = segments[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(parts.count), !parts.contains(where: \.isEmpty) else {
                throw RESTError.syntax("the providerRef '\(segments[2].prefix(80))' is not ID, AGENCY,ID or all")
            }
            for part in parts { try Self.checkID(part, part: "the providerRef") }
            provider = parts.count == 2 && parts[0] == "all" ? parts[1] : segments[2]
        }
        if segments.count > 3, segments[3] != "all", !segments[3].isEmpty { componentIDs = [segments[3]] }
    }

    private mutating func readV2Path(_ segments: [String]) throws {
        let limit = resource == .data ? 5 : 6
        guard segments.count <= limit else {
            throw RESTError.syntax(
                "the path has \(segments.count) parts after /\(resourceName)/; at most \(limit) are defined "
                    + "(context, agencyID, resourceID, version, key\(resource == .data ? "" : ", componentID"))")
        }
        func part(_ index: Int) -> String { index < segments.count && !segments[index].isEmpty ? segments[index] : "*" }
        guard let context = Context(rawValue: part(0)) else {
            throw RESTError.syntax(
                "the context '\(part(0))' is none of datastructure, dataflow, provisionagreement or *")
        }
        self.context = context
        agencies = part(1).split(separator: ",").map(String.init)
        ids = part(2).split(separator: ",").map(String.init)
        versions = part(3).split(separator: ",").map(String.init)
        for id in ids + agencies where id != "*" { try Self.checkID(id, part: "the agency or resource id") }
        key = part(4) == "*" ? "" : part(4)
        let components = part(5)
        componentIDs = components == "*" ? [] : components.split(separator: ",").map(String.init)
    }

    private var resourceName: String {
        switch (api, resource) {
        case (_, .data): "data"
        case (.v1, .availability): "availableconstraint"
        case (.v2, .availability): "availability"
        }
    }

    /// SDMX ids: letters, digits, `_`, `@`, `$`, `-` (and `.` in agency ids): nothing else reaches a message.
    private static func checkID(_ id: String, part: String) throws {
        let allowed = id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || "_@$-.".utf8.contains(byte)
        }
        guard allowed, id.utf8.count <= 255 else {
            throw RESTError.syntax("\(part) '\(String(id.prefix(80)))' is not an SDMX identifier")
        }
    }

    private mutating func readParameter(_ name: String, _ value: String) throws {
        func integer() throws -> Int {
            guard let number = Int(value), number >= 1 else {
                throw RESTError.syntax("\(name) must be a positive integer, not '\(value.prefix(80))'")
            }
            return number
        }
        func period() throws -> String {
            guard PeriodInterval(period: value) != nil else {
                throw RESTError.syntax(
                    "\(name) '\(value.prefix(80))' is not an SDMX time period (2024, 2024-Q2, 2024-05, "
                        + "2024-05-31, 2024-W22, 2024-05-31T12:00:00Z…)")
            }
            return value
        }
        func instant() throws -> String {
            do { return try RepositoryInstant.asOf(parsing: value) } catch {
                throw RESTError.syntax(
                    "\(name) '\(value.prefix(80))' is not an ISO 8601 date-time (2024-05-31T12:00:00Z, "
                        + "2024-05-31T14:00:00+02:00; a date alone means its end, UTC)")
            }
        }
        if name.hasPrefix("c[") && name.hasSuffix("]") {
            let component = String(name.dropFirst(2).dropLast())
            try Self.checkID(component, part: "the component of \(name)")
            componentFilters[component] = try Self.readCondition(value, parameter: name)
            return
        }
        switch name {
        case "startPeriod": startPeriod = try period()
        case "endPeriod": endPeriod = try period()
        case "updatedAfter": updatedAfter = try instant()
        case "asOf": asOf = try instant()
        case "firstNObservations": firstNObservations = try integer()
        case "lastNObservations": lastNObservations = try integer()
        case "dimensionAtObservation":
            try Self.checkID(value, part: "dimensionAtObservation")
            dimensionAtObservation = value
        case "detail":
            guard let detail = Detail(rawValue: value.lowercased()) else {
                throw RESTError.syntax(
                    "detail '\(value.prefix(80))' is none of full, dataonly, serieskeysonly, nodata")
            }
            self.detail = detail
        case "includeHistory":
            switch value.lowercased() {
            case "true": includeHistory = true
            case "false": includeHistory = false
            default: throw RESTError.syntax("includeHistory must be true or false, not '\(value.prefix(80))'")
            }
        case "attributes", "measures":
            let list = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for item in list { try Self.checkID(item, part: name) }
            if name == "attributes" { attributes = list } else { measures = list }
        case "mode" where resource == .availability:
            guard let mode = DataAvailability.Mode(rawValue: value.lowercased()) else {
                throw RESTError.syntax("mode '\(value.prefix(80))' is neither exact nor available")
            }
            self.mode = mode
        case "references" where resource == .availability: references = value
        case "format": format = value
        default:
            throw RESTError.syntax(
                "the query parameter '\(name.prefix(80))' is not one this \(resourceName) query takes")
        }
    }

    /// `A,ge:2020+le:2022`: alternatives joined by `,`, each terms joined by `+`, each `op:value` or a value
    /// (`eq`).
    static func readCondition(_ text: String, parameter: String) throws -> [[ComponentCondition.Term]] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { alternative in
            try alternative.split(separator: "+", omittingEmptySubsequences: false).map { term in
                var op = ComponentCondition.Operator.eq
                var value = Substring(term)
                if term.count >= 3, term[term.index(term.startIndex, offsetBy: 2)] == ":",
                    let named = ComponentCondition.Operator(rawValue: String(term.prefix(2)))
                {
                    op = named
                    value = term.dropFirst(3)
                }
                guard !value.isEmpty else {
                    throw RESTError.syntax("\(parameter) has an empty value in '\(text.prefix(80))'")
                }
                return ComponentCondition.Term(op, String(value))
            }
        }
    }
}
