using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Kpis;

/// <summary>The components that make up handle time; vendors add them up differently.</summary>
[Flags]
public enum HandleTimeComponents
{
    /// <summary>Talk (active handling) time.</summary>
    Talk = 1,

    /// <summary>Hold time.</summary>
    Hold = 2,

    /// <summary>After-contact work (wrap-up).</summary>
    AfterCallWork = 4,

    /// <summary>Talk + hold + after-contact work: Genesys Cloud and Amazon Connect.</summary>
    All = Talk | Hold | AfterCallWork,
}

/// <summary>The denominator of the abandonment rate.</summary>
public enum AbandonmentBase
{
    /// <summary>Contacts that waited in an agent queue: answered + abandoned (Amazon Connect: abandoned / queued).</summary>
    Queued = 0,

    /// <summary>All inbound contacts offered to the contact center, including those contained by self-service, bot or IVR (Genesys: abandoned / offered).</summary>
    Offered = 1,
}

/// <summary>Which survey answers count as satisfied for CSAT.</summary>
public enum CsatBox
{
    /// <summary>Only 5 on the 1-5 scale.</summary>
    TopBox = 1,

    /// <summary>4 or 5 on the 1-5 scale (the most common CSAT %).</summary>
    TopTwoBox = 2,
}

/// <summary>
/// The KPI definitions a rollup uses. Every choice on which vendors disagree is here, with the
/// default stated; results carry the definition they were computed with (see docs/kpis.md).
/// </summary>
public sealed record KpiOptions
{
    /// <summary>The defaults: service level F3 at 20 s, AHT = talk + hold + ACW, abandonment over queued contacts, short abandons within 5 s kept, repeats within 7 days on the same reason (FCR per issue), CSAT top-2-box, 95% intervals, asynchronous channels answered within 24 h.</summary>
    public static KpiOptions Default { get; } = new();

    /// <summary>Creates options; every argument has the documented default.</summary>
    /// <param name="serviceLevel">The service-level definition; F3 (answered within 20 s / (answered + abandoned)) by default.</param>
    /// <param name="handleTime">The handle-time components; all three by default.</param>
    /// <param name="abandonmentBase">The abandonment denominator; queued contacts by default.</param>
    /// <param name="excludeShortAbandons">Whether short abandons are left out of the abandonment rate (numerator and denominator).</param>
    /// <param name="repeat">Repeat-contact detection for FCR; 7 days, same reason, any channel by default.</param>
    /// <param name="csat">CSAT box; top-2-box by default.</param>
    /// <param name="confidenceLevel">The level of every interval, in (0, 1); 0.95 by default.</param>
    /// <param name="responseTarget">The response target of asynchronous channels (email): the share answered within it is their service level; positive; 24 hours by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public KpiOptions(
        ServiceLevelDefinition? serviceLevel = null,
        HandleTimeComponents handleTime = HandleTimeComponents.All,
        AbandonmentBase abandonmentBase = AbandonmentBase.Queued,
        bool excludeShortAbandons = false,
        RepeatContactOptions? repeat = null,
        CsatBox csat = CsatBox.TopTwoBox,
        double confidenceLevel = 0.95,
        Duration? responseTarget = null)
    {
        if (handleTime == 0 || (handleTime & ~HandleTimeComponents.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(handleTime), handleTime, "Handle time needs at least one of talk, hold and after-call work.");
        }
        if (!Enum.IsDefined(abandonmentBase))
        {
            throw new ArgumentOutOfRangeException(nameof(abandonmentBase), abandonmentBase, "Not a defined abandonment base.");
        }
        if (!Enum.IsDefined(csat))
        {
            throw new ArgumentOutOfRangeException(nameof(csat), csat, "Not a defined CSAT box.");
        }
        Preconditions.CheckInRange(confidenceLevel, 1e-9, 1 - 1e-9, nameof(confidenceLevel));
        var target = responseTarget ?? Duration.FromHours(24);
        if (target <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(responseTarget), target, $"A response target must be positive; was {target.TotalSeconds} s.");
        }
        ResponseTarget = target;
        ServiceLevel = serviceLevel ?? new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.FromSeconds(20));
        HandleTime = handleTime;
        AbandonmentBase = abandonmentBase;
        ExcludeShortAbandons = excludeShortAbandons;
        Repeat = repeat ?? new RepeatContactOptions();
        Csat = csat;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The service-level definition.</summary>
    public ServiceLevelDefinition ServiceLevel { get; }

    /// <summary>The handle-time components.</summary>
    public HandleTimeComponents HandleTime { get; }

    /// <summary>The abandonment denominator.</summary>
    public AbandonmentBase AbandonmentBase { get; }

    /// <summary>Whether short abandons are left out of the abandonment rate.</summary>
    public bool ExcludeShortAbandons { get; }

    /// <summary>Repeat-contact detection for FCR.</summary>
    public RepeatContactOptions Repeat { get; }

    /// <summary>The CSAT box.</summary>
    public CsatBox Csat { get; }

    /// <summary>The response target of asynchronous channels (email).</summary>
    public Duration ResponseTarget { get; }

    /// <summary>The confidence level of every interval.</summary>
    public double ConfidenceLevel { get; }
}
