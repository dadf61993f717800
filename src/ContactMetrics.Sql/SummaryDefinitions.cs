using System.Globalization;
using ContactMetrics.Kpis;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Sql;

/// <summary>
/// What an analysis's summaries were computed with, so the analysis of them uses the same: the KPI definitions (the counts'
/// thresholds and repeat rule, which also cut the cost cells, issues and segment inputs), the staffing interval (the KPI
/// counts' bucket) and the journeys' lookback (the path summaries); the survival table's grouping is always
/// <see cref="SurvivalGrouping"/>, recorded as a row and checked on reading. The window and time
/// zone are the folder's <see cref="AnalysisSummaryFolder.Window"/>. Written as rows of the <c>analysis</c> file
/// (docs/data.md, "The report's summaries") by <see cref="AnalysisSummaryFiles.Write"/> and read back by
/// <see cref="AnalysisSummaryFiles.Read"/>.
/// </summary>
/// <param name="Kpis">The KPI definitions.</param>
/// <param name="StaffingInterval">The staffing interval: the KPI counts' bucket.</param>
/// <param name="JourneyLookback">The path summaries' lookback.</param>
public sealed record SummaryDefinitions(KpiOptions Kpis, Duration StaffingInterval, Duration JourneyLookback)
{
    /// <summary>The survival table's grouping: the analysis's retention compares customers by first-contact resolution.</summary>
    public const UpliftGrouping SurvivalGrouping = UpliftGrouping.FirstContactResolution;

    /// <summary>What the summaries of an analysis with <paramref name="options"/> are computed with (<see cref="AnalysisSummariesSql"/>).</summary>
    /// <param name="options">The analysis's options.</param>
    /// <returns>The definitions.</returns>
    public static SummaryDefinitions Of(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Kpis, options.StaffingInterval, options.JourneyLookback);
    }

    /// <summary>
    /// <paramref name="options"/> with these definitions, for the analysis of the summaries: a definition the options leave
    /// at its default (<see cref="AnalysisOptions.Default"/>) takes the summaries' value; one set to a third value
    /// contradicts the summaries, which cannot be recomputed with it.
    /// </summary>
    /// <param name="options">The caller's options.</param>
    /// <param name="source">The summaries, in words (<c>the summaries in DIR</c>), for the message.</param>
    /// <returns>The options with the summaries' KPI definitions, staffing interval and journeys' lookback.</returns>
    /// <exception cref="ArgumentException">A definition is set to another value than the summaries' and than its default; the message names the row, both values and the fix.</exception>
    public AnalysisOptions Apply(AnalysisOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        var given = Of(options).Rows();
        var unset = Of(AnalysisOptions.Default).Rows();
        var recorded = Rows();
        for (int i = 0; i < recorded.Count; i++)
        {
            if (given[i].Value != recorded[i].Value && given[i].Value != unset[i].Value)
            {
                throw new ArgumentException($"The analysis options set {recorded[i].Name} to {given[i].Value}, but {source} were computed with {recorded[i].Value}: leave it at its default ({unset[i].Value}), so the summaries' value is used, or compute the summaries with {given[i].Value}.", nameof(options));
            }
        }
        return options with { Kpis = Kpis, StaffingInterval = StaffingInterval, JourneyLookback = JourneyLookback };
    }

    /// <summary>The rows of the <c>analysis</c> file: each definition by name, as invariant text (durations in seconds, enumerations by name).</summary>
    internal IReadOnlyList<(string Name, string Value)> Rows()
    {
        var (sl, repeat) = (Kpis.ServiceLevel, Kpis.Repeat);
        return
        [
            ("kpi_service_level_formula", sl.Formula.ToString()),
            ("kpi_service_level_threshold_seconds", Seconds(sl.Threshold)),
            ("kpi_short_abandon_seconds", Seconds(sl.ShortAbandonThreshold)),
            ("kpi_service_level_include_flow_outs", Flag(sl.IncludeFlowOuts)),
            ("kpi_service_level_exclude_short_abandons", Flag(sl.ExcludeShortAbandons)),
            ("kpi_handle_time", Kpis.HandleTime.ToString()),
            ("kpi_abandonment_base", Kpis.AbandonmentBase.ToString()),
            ("kpi_exclude_short_abandons", Flag(Kpis.ExcludeShortAbandons)),
            ("kpi_repeat_window_seconds", Seconds(repeat.Window)),
            ("kpi_repeat_same_reason", Flag(repeat.SameReason)),
            ("kpi_repeat_scope", repeat.Scope.ToString()),
            ("kpi_fcr_basis", repeat.Basis.ToString()),
            ("kpi_csat_box", Kpis.Csat.ToString()),
            ("kpi_confidence_level", Kpis.ConfidenceLevel.ToString("R", CultureInfo.InvariantCulture)),
            ("kpi_response_target_seconds", Seconds(Kpis.ResponseTarget)),
            ("staffing_interval_seconds", Seconds(StaffingInterval)),
            ("journey_lookback_seconds", Seconds(JourneyLookback)),
            ("survival_grouping", SurvivalGrouping.ToString()),
        ];
    }

    /// <summary>The definitions of the <c>analysis</c> file's rows; a missing row, a value out of its range or a survival grouping other than <see cref="SurvivalGrouping"/> is an <see cref="InvalidDataException"/> naming the file, line and value.</summary>
    internal static SummaryDefinitions Read(AnalysisSummaryFiles.Facts facts)
    {
        T Named<T>(string name) where T : struct, Enum => facts.Value(name, $"one of {string.Join(", ", Enum.GetNames<T>())}",
            (string text, out T value) => Enum.TryParse(text, out value) && Enum.IsDefined(value));
        Duration Time(string name, bool zero = false) => facts.Value(name, zero ? "a number of seconds at least 0" : "a number of seconds above 0",
            (string text, out Duration value) => (value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && Math.Abs(s) < 1e12
                ? Duration.FromSeconds(s) : Duration.MinValue) > Duration.Zero || (zero && value == Duration.Zero));
        bool Flag(string name) => facts.Value(name, "true or false", (string text, out bool value) => bool.TryParse(text, out value));
        var handleTime = facts.Value("kpi_handle_time", "Talk, Hold and AfterCallWork or some of them (comma-separated), or All",
            (string text, out HandleTimeComponents value) => Enum.TryParse(text, out value) && value != 0 && (value & ~HandleTimeComponents.All) == 0);
        var level = facts.Value("kpi_confidence_level", "a share between 0 and 1 (0.95)",
            (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 1e-9 && value <= 1 - 1e-9);
        var interval = facts.Value("staffing_interval_seconds", "whole minutes that divide a day, in seconds (1800)",
            (string text, out Duration value) => (value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long s) && s < 86_400 * 366 ? Duration.FromSeconds(s) : Duration.Zero)
                > Duration.Zero && s % 60 == 0 && 1440 % (s / 60) == 0);
        var serviceLevel = new ServiceLevelDefinition(Named<ServiceLevelFormula>("kpi_service_level_formula"), Time("kpi_service_level_threshold_seconds"),
            Time("kpi_short_abandon_seconds", zero: true), Flag("kpi_service_level_include_flow_outs"), Flag("kpi_service_level_exclude_short_abandons"));
        var repeat = new RepeatContactOptions(Time("kpi_repeat_window_seconds"), Flag("kpi_repeat_same_reason"), Named<RepeatChannelScope>("kpi_repeat_scope"),
            Named<FcrBasis>("kpi_fcr_basis"));
        var kpis = new KpiOptions(serviceLevel, handleTime, Named<AbandonmentBase>("kpi_abandonment_base"), Flag("kpi_exclude_short_abandons"), repeat,
            Named<CsatBox>("kpi_csat_box"), level, Time("kpi_response_target_seconds"));
        facts.Value("survival_grouping", $"{SurvivalGrouping}; the report's retention compares customers by first-contact resolution (write that survival table)",
            (string text, out UpliftGrouping value) => Enum.TryParse(text, out value) && value == SurvivalGrouping);
        return new SummaryDefinitions(kpis, interval, Time("journey_lookback_seconds"));
    }

    private static string Seconds(Duration duration) => duration.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
