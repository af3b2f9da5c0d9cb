/// A rule across observations, checked a partition at a time once the dataset has been read
/// (``RuleChecker/finish(report:)``): the partition's series, their records, and the store for
/// their keys and periods' text.
protocol PartitionCheck: AnyObject {
    /// Makes what the checks read of the series' keys (tables by value number), before the first
    /// partition: the partitions may then be checked side by side.
    func prepare(_ keys: SeriesKeys)
    func check(
        _ series: [SeriesGroups.Series], _ records: SeriesObservations.Partition, _ store: SeriesObservations,
        report: (Finding) -> Void)
}

extension HierarchyCheck: PartitionCheck {}
extension QuartersAgainstYearCheck: PartitionCheck {}
