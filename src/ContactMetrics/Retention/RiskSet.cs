namespace ContactMetrics.Retention;

/// <summary>
/// Counts the rows of a subset of a <see cref="SurvivalTable"/> at risk at a time, and lists the subset's distinct
/// event times with their event and censoring counts.
/// </summary>
/// <remarks>
/// At risk at t: duration (stop) at least t and, for counting-process data, start below t; so the count is
/// #(stop &gt;= t) - #(start &gt;= t): the first from the rows stopping at or after each distinct stop time, the second by
/// binary search in the sorted starts; O(log n) per time.
/// </remarks>
internal sealed class RiskSet
{
    private readonly double[] _times;
    private readonly int[] _stopsAtOrAfter;
    private readonly double[] _starts;

    internal RiskSet(SurvivalTable table, IReadOnlyList<int> rows)
    {
        _starts = table.IsCountingProcess ? new double[rows.Count] : [];
        if (table.IsCountingProcess)
        {
            for (int k = 0; k < rows.Count; k++)
            {
                _starts[k] = table.Starts[rows[k]];
            }
            Array.Sort(_starts);
        }
        var (times, stops, events) = CountByTime(table, rows);
        // Rows stopping at or after each distinct time: what a binary search in the sorted stop times gives.
        _times = times;
        _stopsAtOrAfter = new int[times.Length];
        for (int k = times.Length - 1, after = 0; k >= 0; k--)
        {
            after += stops[k];
            _stopsAtOrAfter[k] = after;
        }
        Count = rows.Count;
        var eventTimes = new List<double>();
        var deaths = new List<int>();
        var censored = new List<int>();
        int pendingCensored = 0, totalEvents = 0;
        for (int k = 0; k < times.Length; k++)
        {
            // Censored at a time with events counts toward that time, as a censoring time <= the event time does.
            pendingCensored += stops[k] - events[k];
            if (events[k] == 0)
            {
                continue;
            }
            eventTimes.Add(times[k]);
            deaths.Add(events[k]);
            censored.Add(pendingCensored);
            pendingCensored = 0;
            totalEvents += events[k];
        }
        EventTimes = [.. eventTimes];
        Deaths = [.. deaths];
        CensoredSincePrevious = [.. censored];
        TotalEvents = totalEvents;
        LastTime = times.Length == 0 ? 0 : times[^1];
    }

    /// <summary>
    /// The distinct stop times of the rows in ascending order, with the rows stopping at each and the events among them.
    /// Churn data in whole days has few distinct times: one hash look-up per row, then a sort of the distinct times. When
    /// most times are distinct the rows' times are sorted instead, with their event flags.
    /// </summary>
    private static (double[] Times, int[] Stops, int[] Events) CountByTime(SurvivalTable table, IReadOnlyList<int> rows)
    {
        var slotOf = new Dictionary<double, int>();
        var stops = new List<int>();
        var events = new List<int>();
        int limit = Math.Max(64, rows.Count / 4);
        for (int k = 0; k < rows.Count; k++)
        {
            int i = rows[k];
            ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(slotOf, table.Durations[i], out bool seen);
            if (!seen)
            {
                if (slotOf.Count > limit)
                {
                    return CountBySorting(table, rows);
                }
                slot = stops.Count;
                stops.Add(0);
                events.Add(0);
            }
            stops[slot]++;
            events[slot] += table.Events[i] ? 1 : 0;
        }
        var times = new double[slotOf.Count];
        var order = new int[slotOf.Count];
        foreach (var (time, slot) in slotOf)
        {
            times[slot] = time;
            order[slot] = slot;
        }
        times.AsSpan().Sort(order);
        var sortedStops = new int[times.Length];
        var sortedEvents = new int[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            sortedStops[k] = stops[order[k]];
            sortedEvents[k] = events[order[k]];
        }
        return (times, sortedStops, sortedEvents);
    }

    private static (double[] Times, int[] Stops, int[] Events) CountBySorting(SurvivalTable table, IReadOnlyList<int> rows)
    {
        var sorted = new double[rows.Count];
        var isEvent = new bool[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            sorted[k] = table.Durations[rows[k]];
            isEvent[k] = table.Events[rows[k]];
        }
        sorted.AsSpan().Sort(isEvent);
        var times = new List<double>();
        var stops = new List<int>();
        var events = new List<int>();
        for (int k = 0; k < sorted.Length;)
        {
            double t = sorted[k];
            int count = 0, died = 0;
            for (; k < sorted.Length && sorted[k] == t; k++)
            {
                count++;
                died += isEvent[k] ? 1 : 0;
            }
            times.Add(t);
            stops.Add(count);
            events.Add(died);
        }
        return ([.. times], [.. stops], [.. events]);
    }

    internal int Count { get; }

    /// <summary>The number of events in the subset.</summary>
    internal int TotalEvents { get; }

    /// <summary>The largest follow-up time in the subset (0 when empty).</summary>
    internal double LastTime { get; }

    /// <summary>The distinct event times, ascending.</summary>
    internal double[] EventTimes { get; }

    /// <summary>The events at each of <see cref="EventTimes"/>.</summary>
    internal int[] Deaths { get; }

    /// <summary>The censored rows with follow-up in (previous event time, this event time].</summary>
    internal int[] CensoredSincePrevious { get; }

    /// <summary>How many rows are at risk at <paramref name="time"/>.</summary>
    internal int AtRisk(double time)
    {
        int first = LowerBound(_times, time);
        int atRisk = first == _times.Length ? 0 : _stopsAtOrAfter[first];
        if (_starts.Length > 0)
        {
            atRisk -= _starts.Length - LowerBound(_starts, time);
        }
        return atRisk;
    }

    /// <summary>The first index whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Splits the rows by label (ordinal order of labels); one group of all rows when there are no labels.</summary>
    internal static List<(string? Label, List<int> Rows)> Partition(SurvivalTable table, System.Collections.Immutable.ImmutableArray<string> labels)
    {
        if (labels.IsDefaultOrEmpty)
        {
            return [(null, Enumerable.Range(0, table.Count).ToList())];
        }
        // A hash look-up per row (a sorted dictionary compared strings on every row), the labels sorted once at the end.
        var byLabel = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        List<int>? rows = null;
        string? previous = null;
        for (int i = 0; i < labels.Length; i++)
        {
            string label = labels[i];
            // Consecutive rows often carry the same label instance: no look-up for them.
            if (!ReferenceEquals(label, previous))
            {
                if (!byLabel.TryGetValue(label, out rows))
                {
                    rows = [];
                    byLabel.Add(label, rows);
                }
                previous = label;
            }
            rows!.Add(i);
        }
        return [.. byLabel.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => ((string?)kv.Key, kv.Value))];
    }
}
