namespace ContactMetrics.Staffing;

/// <summary>
/// The numbers of a <see cref="QueueMetrics"/> without its description, as a value: staffing searches
/// evaluate many agent counts and allocate a <see cref="QueueMetrics"/> only for the answer.
/// </summary>
internal readonly record struct QueueKpis(
    bool IsStable,
    double ProbabilityOfWait,
    double ProbabilityOfAbandonment,
    double ServiceLevel,
    double ServiceLevelOfAnswered,
    double ServiceLevelCountingAbandons,
    double AverageSpeedOfAnswerSeconds,
    double AverageWaitSeconds,
    double AverageWaitOfDelayedSeconds,
    double Occupancy)
{
    /// <summary>A queue that receives no contacts: nothing waits, nobody is busy.</summary>
    public static QueueKpis Idle { get; } = new(true, 0, 0, 1, 1, 1, 0, 0, 0, 0);

    /// <summary>An Erlang C queue with <c>N &lt;= A</c>: the limit as <c>N</c> falls to <c>A</c>.</summary>
    public static QueueKpis Unstable { get; } = new(false, 1, 0, 0, 0, 0, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 1);

    public double GetServiceLevel(QueueServiceLevel definition) => definition switch
    {
        QueueServiceLevel.AnsweredWithinThresholdOverOffered => ServiceLevel,
        QueueServiceLevel.AnsweredWithinThresholdOverAnswered => ServiceLevelOfAnswered,
        QueueServiceLevel.WithinThresholdOverOffered => ServiceLevelCountingAbandons,
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, "Not a defined service level definition."),
    };
}
