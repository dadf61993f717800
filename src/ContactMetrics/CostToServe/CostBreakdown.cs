using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>
/// A cost split into its activities. Every part is an exact sum of per-contact amounts that were each
/// rounded once to a millionth of the currency unit, so the parts add up to <see cref="Total"/> exactly.
/// </summary>
/// <param name="Agent">Agent time: handle time x the agent cost per handled hour.</param>
/// <param name="Telephony">Connected minutes x the telephony rate.</param>
/// <param name="Ivr">Minutes before an agent answers x the IVR rate.</param>
/// <param name="Platform">Per-contact platform fees.</param>
/// <param name="Bot">Per-contact bot fees.</param>
/// <param name="Overhead">The share of the overheads.</param>
public sealed record CostBreakdown(Money Agent, Money Telephony, Money Ivr, Money Platform, Money Bot, Money Overhead)
{
    /// <summary>The sum of the parts.</summary>
    public Money Total => Agent + Telephony + Ivr + Platform + Bot + Overhead;

    internal static CostBreakdown FromMicros(ReadOnlySpan<long> slots, Currency currency) => new(
        Micro.ToMoney(slots[CostSlots.Agent], currency),
        Micro.ToMoney(slots[CostSlots.Telephony], currency),
        Micro.ToMoney(slots[CostSlots.Ivr], currency),
        Micro.ToMoney(slots[CostSlots.Platform], currency),
        Micro.ToMoney(slots[CostSlots.Bot], currency),
        Micro.ToMoney(slots[CostSlots.Overhead], currency));
}

/// <summary>Amounts in millionths of the currency unit, the unit every per-contact cost is rounded to.</summary>
internal static class Micro
{
    public const long PerUnit = 1_000_000;

    public static Money ToMoney(long micros, Currency currency) => new(micros / 1_000_000m, currency);

    public static long FromMoney(Money amount) => (long)decimal.Round(amount.Amount * PerUnit, MidpointRounding.ToEven);

    /// <summary>An average of micro-units as money, rounded to six decimals; null for no items.</summary>
    public static Money? Average(long micros, long count, Currency currency) =>
        count == 0 ? null : new Money(decimal.Round(micros / 1_000_000m / count, 6, MidpointRounding.ToEven), currency);
}

/// <summary>The integer slots of one group during the computation.</summary>
internal static class CostSlots
{
    public const int Agent = 0, Telephony = 1, Ivr = 2, Platform = 3, Bot = 4, Overhead = 5, Cost = 6, Contacts = 7, HandleMs = 8, Chains = 9, ChainCost = 10;
    public const int Count = 11;
}
