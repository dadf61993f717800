namespace ContactMetrics.Retention;

/// <summary>
/// Counts the rows of a subset of a <see cref="SurvivalTable"/> at risk at a time, and lists the subset's distinct
/// event times with their event and censoring counts.
/// </summary>
/// <remarks>
/// At risk at t: duration (stop) at least t and, for counting-process data, start below t; so the count is
/// #(stop &gt;= t) - #(start &gt;= t) by binary search in the sorted stops and starts, O(log n) per time.
/// </remarks>
internal sealed class RiskSet
{
    private readonly double[] _stops;
    private readonly double[] _starts;

    internal RiskSet(SurvivalTable table, IReadOnlyList<int> rows)
    {
        _stops = new double[rows.Count];
        _starts = table.IsCountingProcess ? new double[rows.Count] : [];
        var eventTimes = new List<double>();
        var censorTimes = new List<double>();
        for (int k = 0; k < rows.Count; k++)
        {
            int i = rows[k];
            _stops[k] = table.Durations[i];
            if (table.IsCountingProcess)
            {
                _starts[k] = table.Starts[i];
            }
            (table.Events[i] ? eventTimes : censorTimes).Add(table.Durations[i]);
        }
        Array.Sort(_stops);
        Array.Sort(_starts);
        eventTimes.Sort();
        censorTimes.Sort();
        Count = rows.Count;

        var times = new List<double>();
        var deaths = new List<int>();
        var censored = new List<int>();
        int c = 0;
        for (int e = 0; e < eventTimes.Count;)
        {
            double t = eventTimes[e];
            int d = 0;
            while (e < eventTimes.Count && eventTimes[e] == t)
            {
                d++;
                e++;
            }
            int cens = 0;
            while (c < censorTimes.Count && censorTimes[c] <= t)
            {
                cens++;
                c++;
            }
            times.Add(t);
            deaths.Add(d);
            censored.Add(cens);
        }
        EventTimes = [.. times];
        Deaths = [.. deaths];
        CensoredSincePrevious = [.. censored];
        TotalEvents = eventTimes.Count;
        LastTime = _stops.Length == 0 ? 0 : _stops[^1];
    }

    /// <summary>The number of rows in the subset.</summary>
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
        int atRisk = _stops.Length - LowerBound(_stops, time);
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
        var byLabel = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
        {
            if (!byLabel.TryGetValue(labels[i], out var rows))
            {
                rows = [];
                byLabel.Add(labels[i], rows);
            }
            rows.Add(i);
        }
        return byLabel.Select(kv => ((string?)kv.Key, kv.Value)).ToList();
    }
}
