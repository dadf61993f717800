using System.Globalization;
using NodaTime;

namespace ContactMetrics.Kpis;

/// <summary>
/// The service-level formulas in use. They give different numbers for the same interval, so the
/// formula is always an explicit choice (see docs/kpis.md).
/// </summary>
/// <remarks>
/// F1-F5 as catalogued by ICMI and Call Centre Helper; the vendor variants as documented by
/// Genesys Cloud and Amazon Connect. With 1,000 answered (860 within the threshold) and 60
/// abandoned (20 within, 40 after; 10 short) they give 83.0%, 86.0%, 81.1%, 82.7% and 82.1%.
/// </remarks>
public enum ServiceLevelFormula
{
    /// <summary>F1: (answered within + abandoned within) / (answered + abandoned). Abandons before the threshold count as met.</summary>
    AnsweredOrAbandonedWithinOverOffered = 1,

    /// <summary>F2: answered within / answered. Ignores abandons entirely.</summary>
    AnsweredWithinOverAnswered = 2,

    /// <summary>F3: answered within / (answered + abandoned). Every abandon counts against.</summary>
    AnsweredWithinOverOffered = 3,

    /// <summary>F4: answered within / (answered + abandoned after the threshold). Early abandons are left out.</summary>
    AnsweredWithinOverAnsweredAndLateAbandons = 4,

    /// <summary>F5: (answered within + short abandons) / (answered + abandoned). Short abandons count as met.</summary>
    AnsweredWithinOrShortAbandonOverOffered = 5,

    /// <summary>
    /// Genesys Cloud: (answered − answered late) / (answered + abandoned [+ flow-outs] [− short abandons]),
    /// with the two switches of <see cref="ServiceLevelDefinition"/>.
    /// </summary>
    Genesys = 6,

    /// <summary>Amazon Connect: contacts removed from the queue within the threshold (answered, abandoned or called back) / contacts queued.</summary>
    AmazonConnect = 7,
}

/// <summary>The counts a service level is computed from, for one interval or group. Mergeable by addition.</summary>
/// <param name="Answered">Contacts answered.</param>
/// <param name="AnsweredWithin">Contacts answered within the threshold.</param>
/// <param name="Abandoned">Contacts abandoned in the queue.</param>
/// <param name="AbandonedWithin">Contacts abandoned within the threshold.</param>
/// <param name="ShortAbandons">Contacts abandoned within the short-abandon threshold (e.g. 5 s).</param>
/// <param name="FlowOuts">Contacts that left the queue to another queue or destination without being answered (Genesys flow-outs).</param>
/// <param name="Callbacks">Contacts that left the queue for a callback (Amazon Connect).</param>
/// <param name="CallbacksWithin">Contacts that left the queue for a callback within the threshold (Amazon Connect).</param>
public readonly record struct ServiceLevelCounts(
    long Answered,
    long AnsweredWithin,
    long Abandoned,
    long AbandonedWithin,
    long ShortAbandons,
    long FlowOuts = 0,
    long Callbacks = 0,
    long CallbacksWithin = 0)
{
    /// <summary>Adds the counts of two intervals or groups.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The merged counts.</returns>
    public static ServiceLevelCounts operator +(ServiceLevelCounts left, ServiceLevelCounts right) => new(
        left.Answered + right.Answered,
        left.AnsweredWithin + right.AnsweredWithin,
        left.Abandoned + right.Abandoned,
        left.AbandonedWithin + right.AbandonedWithin,
        left.ShortAbandons + right.ShortAbandons,
        left.FlowOuts + right.FlowOuts,
        left.Callbacks + right.Callbacks,
        left.CallbacksWithin + right.CallbacksWithin);

    /// <summary>Checks that the counts are consistent (none negative; a part never exceeds its whole).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is inconsistent; the message names it.</exception>
    public void Validate()
    {
        Check(Answered >= 0, nameof(Answered), Answered, "must be at least 0");
        Check(Abandoned >= 0, nameof(Abandoned), Abandoned, "must be at least 0");
        Check(FlowOuts >= 0, nameof(FlowOuts), FlowOuts, "must be at least 0");
        Check(Callbacks >= 0, nameof(Callbacks), Callbacks, "must be at least 0");
        Check(CallbacksWithin >= 0 && CallbacksWithin <= Callbacks, nameof(CallbacksWithin), CallbacksWithin, $"must be in [0, Callbacks = {Callbacks}]");
        Check(AnsweredWithin >= 0 && AnsweredWithin <= Answered, nameof(AnsweredWithin), AnsweredWithin, $"must be in [0, Answered = {Answered}]");
        Check(AbandonedWithin >= 0 && AbandonedWithin <= Abandoned, nameof(AbandonedWithin), AbandonedWithin, $"must be in [0, Abandoned = {Abandoned}]");
        Check(ShortAbandons >= 0 && ShortAbandons <= Abandoned, nameof(ShortAbandons), ShortAbandons, $"must be in [0, Abandoned = {Abandoned}]");
    }

    private static void Check(bool ok, string name, long value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}; was {value}.");
        }
    }
}

/// <summary>How a service level is defined: the formula, the threshold and the vendor switches.</summary>
public sealed record ServiceLevelDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="formula">The formula.</param>
    /// <param name="threshold">The answer-time threshold, e.g. 20 seconds for "80/20"; positive.</param>
    /// <param name="shortAbandonThreshold">Abandons within this time are "short" (F5, Genesys); at least 0; 5 s by default.</param>
    /// <param name="includeFlowOuts">Genesys: add flow-outs to the denominator.</param>
    /// <param name="excludeShortAbandons">Genesys: subtract short abandons from the denominator.</param>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is out of range or the formula is undefined.</exception>
    public ServiceLevelDefinition(ServiceLevelFormula formula, Duration threshold, Duration? shortAbandonThreshold = null,
        bool includeFlowOuts = false, bool excludeShortAbandons = false)
    {
        if (!Enum.IsDefined(formula))
        {
            throw new ArgumentOutOfRangeException(nameof(formula), formula, "Not a defined service-level formula.");
        }
        if (threshold <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"A service-level threshold must be positive; was {threshold.TotalSeconds} s.");
        }
        var shortThreshold = shortAbandonThreshold ?? Duration.FromSeconds(5);
        if (shortThreshold < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(shortAbandonThreshold), shortThreshold, $"A short-abandon threshold must be at least 0; was {shortThreshold.TotalSeconds} s.");
        }
        Formula = formula;
        Threshold = threshold;
        ShortAbandonThreshold = shortThreshold;
        IncludeFlowOuts = includeFlowOuts;
        ExcludeShortAbandons = excludeShortAbandons;
    }

    /// <summary>The formula.</summary>
    public ServiceLevelFormula Formula { get; }

    /// <summary>The answer-time threshold.</summary>
    public Duration Threshold { get; }

    /// <summary>Abandons within this time are "short".</summary>
    public Duration ShortAbandonThreshold { get; }

    /// <summary>Genesys: flow-outs are added to the denominator.</summary>
    public bool IncludeFlowOuts { get; }

    /// <summary>Genesys: short abandons are subtracted from the denominator.</summary>
    public bool ExcludeShortAbandons { get; }

    /// <summary>The definition in words, e.g. <c>F2: answered within 20 s / answered</c>.</summary>
    public string Describe()
    {
        string t = Threshold.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        string s = ShortAbandonThreshold.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        return Formula switch
        {
            ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered => $"F1: (answered within {t} + abandoned within {t}) / (answered + abandoned)",
            ServiceLevelFormula.AnsweredWithinOverAnswered => $"F2: answered within {t} / answered",
            ServiceLevelFormula.AnsweredWithinOverOffered => $"F3: answered within {t} / (answered + abandoned)",
            ServiceLevelFormula.AnsweredWithinOverAnsweredAndLateAbandons => $"F4: answered within {t} / (answered + abandoned after {t})",
            ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered => $"F5: (answered within {t} + abandoned within {s}) / (answered + abandoned)",
            ServiceLevelFormula.Genesys => $"Genesys: answered within {t} / (answered + abandoned{(IncludeFlowOuts ? " + flow-outs" : "")}{(ExcludeShortAbandons ? $" - abandoned within {s}" : "")})",
            _ => $"Amazon Connect: (answered + abandoned + callbacks) within {t} / queued (answered + abandoned + flow-outs + callbacks)",
        };
    }
}

/// <summary>Computes a service level from its counts under a definition.</summary>
public static class ServiceLevel
{
    /// <summary>The service level of the given counts.</summary>
    /// <param name="counts">The counts of one interval or group; validated.</param>
    /// <param name="definition">The definition.</param>
    /// <param name="level">The confidence level of the Wilson interval; 0.95 by default.</param>
    /// <returns>The rate with its counts, Wilson interval and the definition in words.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are inconsistent.</exception>
    public static RateEstimate Compute(ServiceLevelCounts counts, ServiceLevelDefinition definition, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(definition);
        counts.Validate();
        var c = counts;
        long offered = c.Answered + c.Abandoned;
        (long numerator, long denominator) = definition.Formula switch
        {
            ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered => (c.AnsweredWithin + c.AbandonedWithin, offered),
            ServiceLevelFormula.AnsweredWithinOverAnswered => (c.AnsweredWithin, c.Answered),
            ServiceLevelFormula.AnsweredWithinOverOffered => (c.AnsweredWithin, offered),
            ServiceLevelFormula.AnsweredWithinOverAnsweredAndLateAbandons => (c.AnsweredWithin, c.Answered + c.Abandoned - c.AbandonedWithin),
            ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered => (c.AnsweredWithin + c.ShortAbandons, offered),
            ServiceLevelFormula.Genesys => (c.AnsweredWithin,
                offered + (definition.IncludeFlowOuts ? c.FlowOuts : 0) - (definition.ExcludeShortAbandons ? c.ShortAbandons : 0)),
            _ => (c.AnsweredWithin + c.AbandonedWithin + c.CallbacksWithin, offered + c.FlowOuts + c.Callbacks),
        };
        return new RateEstimate(numerator, denominator, definition.Describe(), level);
    }
}
