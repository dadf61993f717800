using System.Globalization;

namespace ContactMetrics.Attribution;

/// <summary>
/// Position-based ("U-shaped"): the first touch gets <see cref="FirstShare"/>, the last touch
/// <see cref="LastShare"/>, the touches in between share the rest equally. A one-touch path gives its
/// touch everything; a two-touch path splits in proportion first : last (50/50 by default).
/// </summary>
/// <remarks>Google Analytics' position-based model (40% first, 40% last, 20% middle by default).</remarks>
public sealed class PositionBasedAttribution : IAttributionModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="firstShare">Share of the first touch; in [0, 1]. Default 0.4.</param>
    /// <param name="lastShare">Share of the last touch; in [0, 1], with <paramref name="firstShare"/> at most 1 and their sum greater than 0. Default 0.4.</param>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException">The shares sum to more than 1 or to 0.</exception>
    public PositionBasedAttribution(double firstShare = 0.4, double lastShare = 0.4)
    {
        FirstShare = Preconditions.CheckInRange(firstShare, 0, 1);
        LastShare = Preconditions.CheckInRange(lastShare, 0, 1);
        Preconditions.CheckArgument(firstShare + lastShare <= 1 + 1e-12, nameof(lastShare), $"The first and last shares sum to {firstShare + lastShare}, more than 1.");
        Preconditions.CheckArgument(firstShare + lastShare > 0, nameof(lastShare), "The first and last shares are both 0.");
    }

    /// <summary>Share of the first touch.</summary>
    public double FirstShare { get; }

    /// <summary>Share of the last touch.</summary>
    public double LastShare { get; }

    /// <inheritdoc />
    public AttributionResult Attribute(PathSummary paths)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"position-based (first {FirstShare}, last {LastShare})");
        double first = FirstShare, last = LastShare;
        return PositionalCredit.Distribute(paths, name, (path, w) =>
        {
            switch (path.Length)
            {
                case 1:
                    w[0] = 1;
                    break;
                case 2:
                    w[0] = first / (first + last);
                    w[1] = last / (first + last);
                    break;
                default:
                    w.Fill((1 - first - last) / (path.Length - 2));
                    w[0] = first;
                    w[^1] = last;
                    break;
            }
        });
    }
}
