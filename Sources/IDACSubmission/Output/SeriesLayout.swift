import SDMXModel

/// Which components key a series and which sit on each observation, for a dimension at the observation
/// level (SDMX REST `dimensionAtObservation`), shared by the SDMX-ML and SDMX-JSON writers:
/// - flat (`AllDimensions`): no series; every dimension and attribute on the observation;
/// - time series (`TIME_PERIOD`): series keyed by the dimensions, the time on the observation;
/// - another dimension: series keyed by the other dimensions and the time, that dimension on the observation
///   (rows must then come in that order: ``ObservationSorter``).
///
/// Attributes go on the series unless they belong to the observation: attached to it, or (another dimension
/// at the observation) attached to dimensions or a group that include that dimension, whose value may change
/// within the series.
public struct SeriesLayout: Sendable {
    /// Component indices, in the order they are written.
    public let seriesDimensions: [Int]
    /// The dimensions written on each observation: the time, another dimension, or all of them (flat).
    public let observationDimensions: [Int]
    /// The attributes written once per series: their value cannot change within it.
    public let seriesAttributes: [Int]
    /// The attributes written on each observation.
    public let observationAttributes: [Int]
    /// The `dimensionAtObservation` a message states: a dimension's id or `AllDimensions`.
    public let level: String

    /// Lays out `structure`'s components for `shape`; a dimension `shape` names that is not one of the
    /// structure's dimensions leaves the time at the observation.
    public init(structure: ResolvedStructure, shape: SDMXMLWriter.Shape) {
        let time = structure.timeIndex.map { [$0] } ?? []
        var observationDimension: String?
        switch shape {
        case .flat:
            seriesDimensions = []
            observationDimensions = structure.dimensionIndices + time
        case .dimension(let id):
            if let index = structure.index(of: id), structure.dimensionIndices.contains(index) {
                seriesDimensions = structure.dimensionIndices.filter { $0 != index } + time
                observationDimensions = [index]
                observationDimension = id
            } else {
                seriesDimensions = structure.dimensionIndices
                observationDimensions = time
            }
        case .timeSeries:
            seriesDimensions = structure.dimensionIndices
            observationDimensions = time
        }
        if shape == .flat {
            seriesAttributes = []
            level = "AllDimensions"
        } else {
            seriesAttributes = structure.attributeIndices.filter {
                Self.onSeries(structure.components[$0].role, observationDimension, structure)
            }
            level = observationDimensions.first.map { structure.components[$0].id } ?? ""
        }
        let onSeries = Set(seriesAttributes)
        observationAttributes = structure.attributeIndices.filter { !onSeries.contains($0) }
    }

    /// Whether rows must be reordered for this layout: only another dimension than the time at the observation.
    public static func needsSorting(_ shape: SDMXMLWriter.Shape) -> Bool {
        if case .dimension = shape { return true }
        return false
    }

    /// The components rows must be ordered by: the series key, then the observation's dimensions.
    public var order: [Int] { seriesDimensions + observationDimensions }

    private static func onSeries(
        _ role: ResolvedComponent.Role, _ observationDimension: String?, _ structure: ResolvedStructure
    ) -> Bool {
        guard case .attribute(_, let attachment) = role else { return false }
        switch attachment {
        case .observation:
            return false
        case .dimensions(let ids):
            return observationDimension.map { !ids.contains($0) } ?? true
        case .group(let group):
            guard let observationDimension else { return true }
            let ids = structure.dataStructure.groups.first { $0.id == group }?.dimensionIDs
            return ids.map { !$0.contains(observationDimension) } ?? false
        case .dataSet:
            return true
        }
    }
}
