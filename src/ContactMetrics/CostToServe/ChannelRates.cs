using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>
/// What a contact on one channel costs: the agent's time (a loaded cost per paid hour, grossed up for
/// shrinkage and occupancy and divided by concurrency), per-minute telephony and IVR, and per-contact
/// platform and bot fees. Every rate is an input; nothing is a built-in industry average. Immutable.
/// </summary>
/// <remarks>
/// A paid hour is not a handled hour: of every paid hour, a share <see cref="Shrinkage"/> goes to breaks,
/// training, meetings and absence, and of the rest agents are busy with contacts only a share
/// <see cref="Occupancy"/> of the time. So one handled hour costs
/// <c>loaded cost per paid hour / ((1 - shrinkage) x occupancy)</c>, and with <see cref="Concurrency"/>
/// contacts handled at once (chat, messaging) each contact bears <c>1 / concurrency</c> of that.
/// </remarks>
public sealed record ChannelRates
{
    /// <summary>Creates the rates of one channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="loadedCostPerPaidHour">Agent cost per paid hour with salary, benefits, taxes, supervision share; at least 0.</param>
    /// <param name="shrinkage">Share of paid time not available for contacts, in [0, 1).</param>
    /// <param name="occupancy">Share of available time spent handling contacts, in (0, 1].</param>
    /// <param name="concurrency">Contacts an agent handles at once on average; at least 1 (1 for voice and email).</param>
    /// <param name="telephonyPerMinute">Cost per connected minute (queue wait, talk and hold); at least 0; zero if omitted.</param>
    /// <param name="ivrPerMinute">Cost per minute in the IVR or queue before an agent answers (the whole contact when none does); at least 0; zero if omitted.</param>
    /// <param name="platformPerContact">Platform or licence cost per contact; at least 0; zero if omitted.</param>
    /// <param name="botPerContact">Bot or automation fee per contact; at least 0; zero if omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of its range; the message names the channel, the field and the value.</exception>
    /// <exception cref="ArgumentException">The amounts are not all in the currency of <paramref name="loadedCostPerPaidHour"/>.</exception>
    public ChannelRates(
        Channel channel,
        Money loadedCostPerPaidHour,
        double shrinkage,
        double occupancy,
        double concurrency = 1,
        Money? telephonyPerMinute = null,
        Money? ivrPerMinute = null,
        Money? platformPerContact = null,
        Money? botPerContact = null)
    {
        string name = channel.ToSchemaName();
        var currency = loadedCostPerPaidHour.Currency;
        Channel = channel;
        LoadedCostPerPaidHour = CheckAmount(name, loadedCostPerPaidHour, currency, nameof(loadedCostPerPaidHour));
        if (!(shrinkage >= 0 && shrinkage < 1))
        {
            throw Out(name, nameof(shrinkage), shrinkage, "[0, 1) (a share of paid time lost to breaks, training and absence; 1 would leave no one to take contacts)");
        }
        if (!(occupancy > 0 && occupancy <= 1))
        {
            throw Out(name, nameof(occupancy), occupancy, "(0, 1] (a share of available time spent on contacts)");
        }
        if (!(concurrency >= 1) || double.IsPositiveInfinity(concurrency))
        {
            throw Out(name, nameof(concurrency), concurrency, "[1, infinity) (contacts handled at once; 1 for voice and email)");
        }
        Shrinkage = shrinkage;
        Occupancy = occupancy;
        Concurrency = concurrency;
        TelephonyPerMinute = CheckAmount(name, telephonyPerMinute ?? Money.Zero(currency), currency, nameof(telephonyPerMinute));
        IvrPerMinute = CheckAmount(name, ivrPerMinute ?? Money.Zero(currency), currency, nameof(ivrPerMinute));
        PlatformPerContact = CheckAmount(name, platformPerContact ?? Money.Zero(currency), currency, nameof(platformPerContact));
        BotPerContact = CheckAmount(name, botPerContact ?? Money.Zero(currency), currency, nameof(botPerContact));
    }

    /// <summary>The channel.</summary>
    public Channel Channel { get; }

    /// <summary>The currency of every rate.</summary>
    public Currency Currency => LoadedCostPerPaidHour.Currency;

    /// <summary>Agent cost per paid hour, loaded.</summary>
    public Money LoadedCostPerPaidHour { get; }

    /// <summary>Share of paid time not available for contacts.</summary>
    public double Shrinkage { get; }

    /// <summary>Share of available time spent handling contacts.</summary>
    public double Occupancy { get; }

    /// <summary>Contacts handled at once on average.</summary>
    public double Concurrency { get; }

    /// <summary>Cost per connected minute (queue wait, talk and hold).</summary>
    public Money TelephonyPerMinute { get; }

    /// <summary>Cost per minute before an agent answers (the whole contact when none does).</summary>
    public Money IvrPerMinute { get; }

    /// <summary>Platform or licence cost per contact.</summary>
    public Money PlatformPerContact { get; }

    /// <summary>Bot or automation fee per contact.</summary>
    public Money BotPerContact { get; }

    /// <summary>
    /// What one hour of handle time costs in agent time on this channel, per contact:
    /// <c>loaded cost per paid hour / ((1 - shrinkage) x occupancy x concurrency)</c>, in decimal.
    /// </summary>
    public Money AgentCostPerHandledHour =>
        LoadedCostPerPaidHour / ((1m - (decimal)Shrinkage) * (decimal)Occupancy * (decimal)Concurrency);

    /// <summary>
    /// The agent rate a contact is priced at: millionths of the currency unit per millisecond of handle time, as a
    /// double. A contact's agent cost is its handle milliseconds times this, rounded half to even to a micro-unit
    /// (an engine that prices contacts in SQL multiplies by the same double).
    /// </summary>
    public double AgentMicrosPerMillisecond => MicrosPerMs(AgentCostPerHandledHour.Amount, 3_600_000m);

    /// <summary>The telephony rate in micro-units per connected millisecond (queue, talk and hold), as a double; see <see cref="AgentMicrosPerMillisecond"/>.</summary>
    public double TelephonyMicrosPerMillisecond => MicrosPerMs(TelephonyPerMinute.Amount, 60_000m);

    /// <summary>The IVR rate in micro-units per millisecond before an answer, as a double; see <see cref="AgentMicrosPerMillisecond"/>.</summary>
    public double IvrMicrosPerMillisecond => MicrosPerMs(IvrPerMinute.Amount, 60_000m);

    internal static decimal MaxAmount => 1_000_000_000_000m;

    private static double MicrosPerMs(decimal amount, decimal msPerUnit) => (double)(amount * Micro.PerUnit / msPerUnit);

    private static Money CheckAmount(string channel, Money value, Currency currency, string field)
    {
        if (value.Currency != currency)
        {
            throw new ArgumentException(
                $"{channel}: {field} is in {value.Currency} but the channel's loaded cost per paid hour is in {currency}; a cost model has one currency.", field);
        }
        if (value.Amount < 0 || value.Amount > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(field, value.Amount,
                $"{channel}: {field} must be between 0 and {MaxAmount.ToString(CultureInfo.InvariantCulture)}; was {value.Amount.ToString(CultureInfo.InvariantCulture)}.");
        }
        return value;
    }

    private static ArgumentOutOfRangeException Out(string channel, string field, double value, string range) =>
        new(field, value, $"{channel}: {field} must be in {range}; was {value.ToString("R", CultureInfo.InvariantCulture)}.");
}
