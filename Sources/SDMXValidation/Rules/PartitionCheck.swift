/// A rule across observations, checked a partition at a time once the dataset has been read
/// (``RuleChecker/finish(report:)``): the partition's series, their records, and the store for
/// their keys and periods' text.
protocol PartitionCheck: AnyObject {
    func check(_ series: [SeriesGroups.Series], _ records: SeriesObservations.Partition, _ store: SeriesObservations,
               report: (Finding) -> Void)
}

extension HierarchyCheck: PartitionCheck {}
extension TemporalConsistencyCheck: PartitionCheck {}
