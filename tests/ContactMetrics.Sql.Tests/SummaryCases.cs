using ContactMetrics.Attribution;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The cases and comparisons of the survival-table and path-summary tests: every uplift grouping (both resolution
/// sources) and journeys with and without service contacts and collapsed repeats, checked against the in-memory
/// <see cref="RetentionUpliftBuilder.BuildTable(IEnumerable{Domain.Customer}, IEnumerable{Domain.Interaction}, UpliftGrouping, NodaTime.Instant, RetentionUpliftOptions?)"/> and <see cref="JourneyBuilder"/> on the same demo rows (the oracle).
/// </summary>
public static class SummaryCases
{
    /// <summary>Inside the demo's two years, so that later contacts are ignored and some customers are censored.</summary>
    public static readonly Instant ObservationEnd = Instant.FromUtc(2025, 10, 1, 0, 0);

    public static readonly Dictionary<string, (UpliftGrouping Grouping, RetentionUpliftOptions Options)> Survival = new()
    {
        ["fcr-flag"] = (UpliftGrouping.FirstContactResolution, RetentionUpliftOptions.Default),
        ["fcr-repeat"] = (UpliftGrouping.FirstContactResolution, new RetentionUpliftOptions { Resolution = ResolutionSource.RepeatContact, RepeatWindow = Duration.FromDays(5) }),
        ["csat"] = (UpliftGrouping.Csat, new RetentionUpliftOptions { CsatTopBoxMinimum = 4 }),
        ["channel"] = (UpliftGrouping.Channel, RetentionUpliftOptions.Default),
        ["proactive"] = (UpliftGrouping.Proactive, RetentionUpliftOptions.Default),
        ["ces"] = (UpliftGrouping.Effort, new RetentionUpliftOptions { CesEasyMinimum = 6 }),
    };

    public static TheoryData<string> SurvivalNames => [.. Survival.Keys];

    public static readonly Dictionary<string, (JourneyOptions Options, bool Service)> Journeys = new()
    {
        ["30d"] = (new JourneyOptions(), false),
        ["7d-service"] = (new JourneyOptions { Lookback = Duration.FromDays(7) }, true),
        ["30d-service-collapsed"] = (new JourneyOptions { CollapseRepeats = true }, true),
    };

    public static TheoryData<string> JourneyNames => [.. Journeys.Keys];

    /// <summary>The in-memory survival table of a case.</summary>
    public static IndexDateTable InMemory(DemoTables demo, string name) =>
        RetentionUpliftBuilder.BuildTable(demo.Customers, demo.Interactions, Survival[name].Grouping, ObservationEnd, Survival[name].Options);

    /// <summary>The in-memory path summary of a case.</summary>
    public static PathSummary InMemoryPaths(DemoTables demo, string name) =>
        JourneyBuilder.Summarize(JourneyBuilder.Build(demo.Touchpoints, demo.Conversions, Journeys[name].Service ? demo.Interactions : null, Journeys[name].Options));

    /// <summary>Same counts left out, and per customer the same follow-up, event, group, stratum and tenure, to the last bit.</summary>
    public static void ShouldEqual(IndexDateTable actual, IndexDateTable expected)
    {
        expected.Table.Count.Should().BeGreaterThan(50, "the demo has enough customers for the comparison to mean something");
        // The demo has no outbound contacts, so every proactive index contact is the control's; the other groupings have both groups.
        expected.Table.Groups.Distinct().Should().HaveCount(expected.Grouping == UpliftGrouping.Proactive ? 1 : 2);
        actual.CustomersWithoutQualifyingContact.Should().Be(expected.CustomersWithoutQualifyingContact);
        actual.CustomersChurnedBeforeIndex.Should().Be(expected.CustomersChurnedBeforeIndex);
        actual.Grouping.Should().Be(expected.Grouping);
        Rows(actual).Should().BeEquivalentTo(Rows(expected));
    }

    /// <summary>The rows of a table by customer id: (days, event, group, stratum, covariates).</summary>
    public static Dictionary<string, string> Rows(IndexDateTable data)
    {
        var t = data.Table;
        return Enumerable.Range(0, t.Count).ToDictionary(i => t.Ids[i], i => string.Join("|",
            t.Durations[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture), t.Events[i], t.Groups[i],
            t.Strata.IsEmpty ? "" : t.Strata[i],
            string.Join(",", t.Covariates.Select(c => c[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
    }

    /// <summary>Same channels in the same order, same paths in the same order with the same conversions, nulls and values (double sums in journey order on both sides).</summary>
    public static void ShouldEqual(PathSummary actual, PathSummary expected)
    {
        expected.Count.Should().BeGreaterThan(20, "the demo has many distinct paths");
        expected.TotalNulls.Should().BePositive();
        actual.Currency.Should().Be(expected.Currency);
        actual.Channels.Should().Equal(expected.Channels);
        actual.Count.Should().Be(expected.Count);
        for (int p = 0; p < expected.Count; p++)
        {
            actual.PathText(p).Should().Be(expected.PathText(p));
            actual.Conversions[p].Should().Be(expected.Conversions[p], expected.PathText(p));
            actual.Nulls[p].Should().Be(expected.Nulls[p], expected.PathText(p));
            actual.Values[p].Should().Be(expected.Values[p], expected.PathText(p));
        }
    }

    /// <summary>A path summary by path text: (conversions, value rounded to 1e-6, nulls), for summaries merged in another order.</summary>
    public static Dictionary<string, (double, double, double)> ByPath(PathSummary summary) =>
        Enumerable.Range(0, summary.Count).ToDictionary(summary.PathText, p => (summary.Conversions[p], Math.Round(summary.Values[p], 6), summary.Nulls[p]));
}
