using System.Collections.Immutable;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Attribution;

/// <summary>One touch of a journey: a channel at an instant.</summary>
/// <param name="Channel">The channel's name (<c>service:phone</c> for a service contact).</param>
/// <param name="OccurredAt">When it happened (for a service contact: when the contact ended).</param>
public readonly record struct JourneyTouch(string Channel, Instant OccurredAt);

/// <summary>
/// A customer's journey: the touches before one conversion (since the previous one, within the lookback), or
/// the touches after the last conversion (a non-converting journey, <see cref="Conversion"/> null).
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Touches">The touches in time order; never empty.</param>
/// <param name="Conversion">The conversion that ends the journey, or <see langword="null"/> when it did not convert.</param>
/// <exception cref="ArgumentException"><paramref name="Touches"/> is empty or not in time order.</exception>
public sealed record Journey(CustomerId CustomerId, ImmutableArray<JourneyTouch> Touches, Conversion? Conversion)
{
    /// <summary>The touches in time order; never empty.</summary>
    public ImmutableArray<JourneyTouch> Touches { get; } = CheckTouches(Touches);

    /// <summary>Whether the journey ended in a conversion.</summary>
    public bool IsConverted => Conversion is not null;

    private static ImmutableArray<JourneyTouch> CheckTouches(ImmutableArray<JourneyTouch> touches)
    {
        Preconditions.CheckArgument(!touches.IsDefaultOrEmpty, nameof(Touches), "A journey needs at least one touch.");
        for (int i = 1; i < touches.Length; i++)
        {
            Preconditions.CheckArgument(touches[i - 1].OccurredAt <= touches[i].OccurredAt, nameof(Touches), $"Touch {i} is earlier than touch {i - 1}.");
        }
        return touches;
    }
}
