using System.Globalization;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Attribution;

/// <summary>
/// Time decay: a touch Δt before the conversion weighs 2^(-Δt / h) with half-life h (continuous, not in whole
/// days); a conversion's credit is split over its touches in proportion to the weights. Works on journeys,
/// because a path summary has no times. Non-converting journeys get nothing.
/// </summary>
/// <remarks>Google Analytics' time-decay model uses a 7-day half-life; here it is a parameter. Weights are
/// computed relative to the latest touch, so no weight underflows to zero together.</remarks>
public sealed class TimeDecayAttribution
{
    /// <summary>Creates the model.</summary>
    /// <param name="halfLife">The half-life h; greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="halfLife"/> is zero or negative.</exception>
    public TimeDecayAttribution(Duration halfLife)
    {
        if (halfLife <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "The half-life must be greater than 0.");
        }
        HalfLife = halfLife;
    }

    /// <summary>The half-life.</summary>
    public Duration HalfLife { get; }

    /// <summary>The normalised weights of touches that happened the given times before a conversion.</summary>
    /// <param name="timeBeforeConversion">Each touch's time before the conversion; at least 0; at least one.</param>
    /// <param name="halfLife">The half-life; greater than 0.</param>
    /// <returns>Weights 2^(-Δt / h), scaled to sum to 1.</returns>
    /// <exception cref="ArgumentException">No touch, or a negative time.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="halfLife"/> is zero or negative.</exception>
    internal static double[] Weights(ReadOnlySpan<Duration> timeBeforeConversion, Duration halfLife)
    {
        if (halfLife <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "The half-life must be greater than 0.");
        }
        Preconditions.CheckArgument(timeBeforeConversion.Length > 0, nameof(timeBeforeConversion), "No touch.");
        double h = halfLife.TotalSeconds;
        double nearest = double.MaxValue;
        foreach (var dt in timeBeforeConversion)
        {
            Preconditions.CheckArgument(dt >= Duration.Zero, nameof(timeBeforeConversion), $"A touch is {dt} after the conversion.");
            nearest = Math.Min(nearest, dt.TotalSeconds);
        }
        var weights = new double[timeBeforeConversion.Length];
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Pow(2, -(timeBeforeConversion[i].TotalSeconds - nearest) / h);
            sum += weights[i];
        }
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }
        return weights;
    }

    /// <summary>Credits the converted journeys' conversions and values to their channels.</summary>
    /// <param name="journeys">The journeys (e.g. from <see cref="JourneyBuilder.Build(IEnumerable{Domain.Touchpoint}, IEnumerable{Domain.Conversion}, Tables.InteractionTable, JourneyOptions?)"/>); conversions in one currency.</param>
    /// <returns>Credits per channel, channels in order of first appearance, in the conversions' currency
    /// (<see cref="Currency.Of"/>("XXX"), no currency, when no journey converts).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journeys"/> is null.</exception>
    /// <exception cref="ArgumentException">A converted journey has no touch or a touch after its conversion, or currencies differ.</exception>
    public AttributionResult Attribute(IEnumerable<Journey> journeys)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var conversions = new List<double>();
        var value = new List<double>();
        Currency? currency = null;
        foreach (var journey in journeys)
        {
            foreach (var touch in journey.Touches)
            {
                if (!index.ContainsKey(touch.Channel))
                {
                    index.Add(touch.Channel, names.Count);
                    names.Add(touch.Channel);
                    conversions.Add(0);
                    value.Add(0);
                }
            }
            var conversion = journey.Conversion;
            if (conversion is null)
            {
                continue;
            }
            currency ??= conversion.Value.Currency;
            Preconditions.CheckArgument(currency == conversion.Value.Currency, nameof(journeys),
                $"The conversion of {conversion.CustomerId} is in {conversion.Value.Currency}, others in {currency}.");
            var before = journey.Touches.Select(t => conversion.OccurredAt - t.OccurredAt).ToArray();
            var weights = Weights(before, HalfLife);
            double amount = (double)conversion.Value.Amount;
            for (int i = 0; i < weights.Length; i++)
            {
                int c = index[journey.Touches[i].Channel];
                conversions[c] += weights[i];
                value[c] += weights[i] * amount;
            }
        }
        return AttributionResult.FromCredits(
            string.Create(CultureInfo.InvariantCulture, $"time decay (half-life {HalfLife.TotalHours} h)"),
            [.. names], conversions.ToArray(), value.ToArray(), currency ?? default);
    }
}
