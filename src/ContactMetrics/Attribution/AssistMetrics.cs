using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContactMetrics.Domain;

namespace ContactMetrics.Attribution;

/// <summary>
/// Assisted conversions as in Google Analytics' Multi-Channel Funnels ("Assisted Conversions" report): a
/// channel assists a conversion when it appears in the conversion's path other than as the last touch; the
/// last touch gets the last-touch conversion. A channel that is both (a &gt; b &gt; a) counts in both columns.
/// </summary>
/// <remarks>Assists describe co-occurrence in converting paths; they do not measure what a channel caused.</remarks>
public static class AssistMetrics
{
    /// <summary>Assist and last-touch conversions and value per channel, and conversions by path length.</summary>
    /// <param name="paths">The path summary.</param>
    /// <param name="counting">Once per conversion (default) or per occurrence.</param>
    /// <returns>The report, which states the counting rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="counting"/> is not defined.</exception>
    public static AssistReport Compute(PathSummary paths, AssistCounting counting = AssistCounting.OncePerConversion)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!Enum.IsDefined(counting))
        {
            throw new ArgumentOutOfRangeException(nameof(counting), counting, "Not a defined assist counting.");
        }
        int n = paths.Channels.Length;
        var assisted = new double[n];
        var assistedValue = new double[n];
        var last = new double[n];
        var lastValue = new double[n];
        var lengths = new List<double>();
        var seen = new int[n];
        for (int p = 0; p < paths.Count; p++)
        {
            double conversions = paths.Conversions[p], value = paths.Values[p];
            var path = paths.Path(p);
            while (lengths.Count <= path.Length)
            {
                lengths.Add(0);
            }
            lengths[path.Length] += conversions;
            last[path[^1]] += conversions;
            lastValue[path[^1]] += value;
            for (int i = 0; i < path.Length - 1; i++)
            {
                int c = path[i];
                if (counting == AssistCounting.OncePerConversion)
                {
                    if (seen[c] == p + 1)
                    {
                        continue;
                    }
                    seen[c] = p + 1;
                }
                assisted[c] += conversions;
                assistedValue[c] += value;
            }
        }
        var rows = new ChannelAssists[n];
        for (int c = 0; c < n; c++)
        {
            rows[c] = new ChannelAssists(paths.Channels[c], assisted[c], Money.FromDouble(assistedValue[c], paths.Currency), last[c], Money.FromDouble(lastValue[c], paths.Currency));
        }
        string rule = counting == AssistCounting.OncePerConversion
            ? "a conversion counts once as assisted for every channel in its path other than as the last touch (Google Analytics)"
            : "a conversion counts as assisted once for every touch before the last (per occurrence; a repeated channel counts repeatedly)";
        return new AssistReport(counting, rule, ImmutableCollectionsMarshal.AsImmutableArray(rows), [.. lengths]);
    }

    /// <summary>
    /// Conversions (and their value) that a group of channels assisted: those whose path has a channel of the group
    /// other than as the last touch, each conversion counted once however many of the group's channels it has. Summing
    /// <see cref="Compute"/>'s per-channel assists over the group would count a conversion once per channel instead.
    /// </summary>
    /// <param name="paths">The path summary.</param>
    /// <param name="inGroup">Whether a channel name belongs to the group (e.g. starts with <c>service:</c>).</param>
    /// <returns>The assisted conversions and their value in the paths' currency (the double sum converted by
    /// <see cref="Money.FromDouble"/>, not rounded to cents).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> or <paramref name="inGroup"/> is null.</exception>
    public static (double Conversions, Money Value) AssistedByGroup(PathSummary paths, Func<string, bool> inGroup)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(inGroup);
        var member = paths.Channels.Select(inGroup).ToArray();
        double conversions = 0, value = 0;
        for (int p = 0; p < paths.Count; p++)
        {
            var path = paths.Path(p);
            for (int i = 0; i < path.Length - 1; i++)
            {
                if (member[path[i]])
                {
                    conversions += paths.Conversions[p];
                    value += paths.Values[p];
                    break;
                }
            }
        }
        return (conversions, Money.FromDouble(value, paths.Currency));
    }

    /// <summary>
    /// Time lag: conversions by whole days (rounded down) from the first touch of their journey to the conversion,
    /// as in Google Analytics' "Time Lag" report. Non-converting journeys are skipped.
    /// </summary>
    /// <param name="journeys">The journeys.</param>
    /// <returns>Element d is the conversions with a lag of d days (at least d, less than d + 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journeys"/> is null.</exception>
    /// <exception cref="ArgumentException">A converted journey has no touch, or its first touch is after the conversion.</exception>
    public static ImmutableArray<double> TimeLagDistribution(IEnumerable<Journey> journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var days = new List<double>();
        foreach (var journey in journeys)
        {
            var conversion = journey.Conversion;
            if (conversion is null)
            {
                continue;
            }
            Preconditions.CheckArgument(journey.Touches.Length > 0, nameof(journeys), $"A journey of {journey.CustomerId} has no touch.");
            var lag = conversion.OccurredAt - journey.Touches[0].OccurredAt;
            Preconditions.CheckArgument(lag >= NodaTime.Duration.Zero, nameof(journeys), $"A journey of {journey.CustomerId} starts after its conversion.");
            int day = lag.Days;
            while (days.Count <= day)
            {
                days.Add(0);
            }
            days[day] += 1;
        }
        return [.. days];
    }
}
