using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// Argument checks of the staffing calculators that <see cref="Preconditions"/> does not cover:
/// durations, half-open fractions and "no agents for a non-zero load". Messages follow
/// <see cref="Preconditions"/>: the allowed range and the value received.
/// </summary>
internal static class StaffingChecks
{
    internal static Duration CheckPositive(Duration value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Duration must be greater than 0; was {Format(value)}.");
        }
        return value;
    }

    internal static Duration CheckNonNegative(Duration value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Duration must be at least 0; was {Format(value)}.");
        }
        return value;
    }

    /// <summary>A fraction in [0, 1): shrinkage of 1 would leave nobody on the phones.</summary>
    internal static double CheckShrinkage(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be in [0, 1) (a share of paid time lost to breaks, training, absence); was {Format(value)}.");
        }
        return value;
    }

    /// <summary>A fraction in (0, 1].</summary>
    internal static double CheckUpperBoundFraction(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value > 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be in (0, 1]; was {Format(value)}.");
        }
        return value;
    }

    /// <summary>A fraction in (0, 1): a 100% service level is never met by a finite number of agents.</summary>
    internal static double CheckOpenFraction(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be in (0, 1) (no finite number of agents answers 100% of contacts in time); was {Format(value)}.");
        }
        return value;
    }

    /// <summary>At least 0 agents, and at least 1 when there is traffic to serve.</summary>
    internal static int CheckAgents(int agents, double trafficErlangs, [CallerArgumentExpression(nameof(agents))] string? paramName = null)
    {
        Preconditions.CheckNonNegative(agents, paramName);
        if (agents == 0 && trafficErlangs > 0)
        {
            throw new ArgumentOutOfRangeException(paramName, agents, $"At least 1 agent is needed to serve a traffic of {Format(trafficErlangs)} Erlangs; was 0.");
        }
        return agents;
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Format(Duration value) => Format(value.TotalSeconds) + " s";
}
