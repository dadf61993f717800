using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace ContactMetrics.Kpis;

/// <summary>
/// One row of a KPI rollup: the group's key (the dimensions asked for; the others are
/// <see langword="null"/>), its counts, and every KPI computed from them under the rollup's options.
/// </summary>
public sealed class KpiGroup
{
    internal KpiGroup(KpiCounts counts, KpiOptions options, string? agent, Channel? channel, Direction? direction,
        string? queue, string? reason, string? segment, ZonedDateTime? bucketStart, Duration? bucketLength)
    {
        Counts = counts;
        Agent = agent;
        Channel = channel;
        Direction = direction;
        Queue = queue;
        Reason = reason;
        Segment = segment;
        BucketStart = bucketStart;
        BucketLength = bucketLength;

        var c = counts;
        double level = options.ConfidenceLevel;
        AverageHandleTime = new MeanEstimate(Div(c.HandleMilliseconds, c.HandledContacts) / 1000, c.HandledContacts,
            $"AHT: ({Describe(options.HandleTime)}) / handled contacts, seconds");
        AverageSpeedOfAnswer = new MeanEstimate(Div(c.WaitAnsweredMilliseconds, c.AnsweredContacts) / 1000, c.AnsweredContacts,
            "ASA (answered): wait of answered contacts / answered contacts, seconds");
        AverageWaitAllContacts = new MeanEstimate(Div(c.WaitAnsweredMilliseconds + c.WaitAbandonedMilliseconds, c.QueuedContacts) / 1000, c.QueuedContacts,
            "ASA (all contacts): (wait of answered + time to abandon) / queued contacts, seconds");

        var sl = options.ServiceLevel;
        ServiceLevel = Kpis.ServiceLevel.Compute(new ServiceLevelCounts(c.AnsweredContacts, c.AnsweredWithinThreshold,
            c.AbandonedContacts, c.AbandonedWithinThreshold, c.ShortAbandonedContacts), sl);

        long shortAbandons = options.ExcludeShortAbandons ? c.ShortAbandonedContacts : 0;
        long abandonBase = options.AbandonmentBase == AbandonmentBase.Queued ? c.QueuedContacts : c.OfferedContacts;
        string shortText = options.ExcludeShortAbandons
            ? $" (short abandons within {sl.ShortAbandonThreshold.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s left out)"
            : "";
        AbandonmentRate = new RateEstimate(c.AbandonedContacts - shortAbandons, abandonBase - shortAbandons,
            (options.AbandonmentBase == AbandonmentBase.Queued ? "abandoned / queued" : "abandoned / offered") + shortText, level);
        TransferRate = new RateEstimate(c.TransferredContacts, c.HandledContacts, "transferred at least once / handled", level);
        var repeat = options.Repeat;
        string window = $"{repeat.Window.TotalDays.ToString("0.###", CultureInfo.InvariantCulture)} days";
        string scope = (repeat.SameReason ? "same reason" : "any reason") + ", " + (repeat.Scope == RepeatChannelScope.SameChannel ? "same channel" : "any agent channel");
        FirstContactResolution = new RateEstimate(c.ResolvedFirstTime, c.FcrEligibleContacts,
            $"FCR (repeat contacts): handled inbound contacts with no repeat within {window} ({scope}) / handled inbound contacts", level);
        FirstContactResolutionFlag = new RateEstimate(c.ResolvedTrue, c.ResolvedFlagged, "FCR (resolved flag): flagged resolved / handled contacts with a flag", level);
        RepeatContactRate = new RateEstimate(c.RepeatContacts, c.FcrEligibleContacts,
            $"repeat contacts: handled inbound contacts that repeat an earlier one within {window} ({scope}) / handled inbound contacts", level);

        var csat = c.CsatHistogram;
        long csatAll = Sum(csat);
        long csatTop = options.Csat == CsatBox.TopBox ? csat[4] : csat[3] + csat[4];
        Csat = new RateEstimate(csatTop, csatAll, options.Csat == CsatBox.TopBox ? "CSAT: answers of 5 / answers (1-5)" : "CSAT: answers of 4-5 / answers (1-5)", level);

        var nps = c.NpsHistogram;
        Nps = new NpsEstimate(nps[9] + nps[10], nps[7] + nps[8], Sum(nps[..7]), level);

        var ces = c.CesHistogram;
        long cesAll = Sum(ces);
        CesEffortShare = new RateEstimate(ces[4] + ces[5] + ces[6], cesAll, "CES: answers of 5-7 / answers (1-7)", level);
        CesMean = MeanOfHistogram(ces, 1, cesAll, level, "CES: mean answer (1-7)");
    }

    /// <summary>The agent, when grouped by agent (<c>"(none)"</c>-free: <see langword="null"/> for contacts without an agent, or when not grouped).</summary>
    public string? Agent { get; }

    /// <summary>The channel, when grouped by channel.</summary>
    public Channel? Channel { get; }

    /// <summary>The direction, when grouped by direction.</summary>
    public Direction? Direction { get; }

    /// <summary>The queue, when grouped by queue (<see langword="null"/> for contacts without one).</summary>
    public string? Queue { get; }

    /// <summary>The reason, when grouped by reason (<see langword="null"/> for contacts without one).</summary>
    public string? Reason { get; }

    /// <summary>The customer segment, when grouped by segment (<see langword="null"/> when unknown).</summary>
    public string? Segment { get; }

    /// <summary>The start of the time bucket in its zone, when bucketed.</summary>
    public ZonedDateTime? BucketStart { get; }

    /// <summary>The length of the time bucket (23 or 25 hours on a day the clocks change), when bucketed.</summary>
    public Duration? BucketLength { get; }

    /// <summary>The counts every KPI here is computed from.</summary>
    public KpiCounts Counts { get; }

    /// <summary>Average handle time in seconds, with the components the options chose.</summary>
    public MeanEstimate AverageHandleTime { get; }

    /// <summary>Average speed of answer in seconds, over answered contacts (what vendor reports show).</summary>
    public MeanEstimate AverageSpeedOfAnswer { get; }

    /// <summary>Mean wait in seconds over all queued contacts, abandoned ones counting their time to abandon (the Erlang sense).</summary>
    public MeanEstimate AverageWaitAllContacts { get; }

    /// <summary>The service level under the options' definition.</summary>
    public RateEstimate ServiceLevel { get; }

    /// <summary>The abandonment rate.</summary>
    public RateEstimate AbandonmentRate { get; }

    /// <summary>The share of handled contacts transferred at least once.</summary>
    public RateEstimate TransferRate { get; }

    /// <summary>First-contact resolution by repeat-contact detection.</summary>
    public RateEstimate FirstContactResolution { get; }

    /// <summary>First-contact resolution by the resolved flag, where the data has it.</summary>
    public RateEstimate FirstContactResolutionFlag { get; }

    /// <summary>The share of handled inbound contacts that repeat an earlier one.</summary>
    public RateEstimate RepeatContactRate { get; }

    /// <summary>CSAT (top-box or top-2-box).</summary>
    public RateEstimate Csat { get; }

    /// <summary>Net promoter score.</summary>
    public NpsEstimate Nps { get; }

    /// <summary>Customer effort: mean answer on 1-7, with a normal interval from the answers' spread.</summary>
    public MeanEstimate CesMean { get; }

    /// <summary>Customer effort: share answering 5-7 ("easy").</summary>
    public RateEstimate CesEffortShare { get; }

    private static double Div(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static long Sum(ReadOnlySpan<long> values)
    {
        long s = 0;
        foreach (long v in values)
        {
            s += v;
        }
        return s;
    }

    private static MeanEstimate MeanOfHistogram(ReadOnlySpan<long> histogram, int firstScore, long n, double level, string definition)
    {
        if (n == 0)
        {
            return new MeanEstimate(null, 0, definition);
        }
        double sum = 0, sumSquares = 0;
        for (int k = 0; k < histogram.Length; k++)
        {
            double score = firstScore + k;
            sum += histogram[k] * score;
            sumSquares += histogram[k] * score * score;
        }
        double mean = sum / n;
        if (n == 1)
        {
            return new MeanEstimate(mean, n, definition);
        }
        double variance = Math.Max(0, (sumSquares - n * mean * mean) / (n - 1));
        double half = Normal.InvCDF(0, 1, 0.5 + level / 2) * Math.Sqrt(variance / n);
        return new MeanEstimate(mean, n, definition, new ConfidenceInterval(mean - half, mean + half, level, "normal"));
    }

    private static string Describe(HandleTimeComponents components)
    {
        var parts = new List<string>(3);
        if (components.HasFlag(HandleTimeComponents.Talk))
        {
            parts.Add("talk");
        }
        if (components.HasFlag(HandleTimeComponents.Hold))
        {
            parts.Add("hold");
        }
        if (components.HasFlag(HandleTimeComponents.AfterCallWork))
        {
            parts.Add("after-call work");
        }
        return string.Join(" + ", parts);
    }
}
