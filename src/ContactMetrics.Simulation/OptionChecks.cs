using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>Checks shared by the simulation's option records; each names the offending property.</summary>
internal static class OptionChecks
{
    /// <summary>How far a list of shares may sum from 1.</summary>
    internal const double ShareTolerance = 1e-9;

    internal static double Probability(double value, string paramName) => Preconditions.CheckInRange(value, 0.0, 1.0, paramName);

    internal static Duration PositiveDuration(Duration value, string paramName)
    {
        if (value <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be a duration greater than 0; was {value}.");
        }
        return value;
    }

    internal static Duration NonNegativeDuration(Duration value, string paramName)
    {
        if (value < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be a duration of at least 0; was {value}.");
        }
        return value;
    }

    internal static string Name(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value) || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new ArgumentException($"A name must not be blank or have surrounding white space; was '{value}'.", paramName);
        }
        return value;
    }

    /// <summary>
    /// Copies a list of options, rejecting null entries, duplicate keys and shares that do not sum to 1.
    /// </summary>
    internal static IReadOnlyList<T> ShareList<T, TKey>(IReadOnlyList<T>? value, Func<T, TKey> key, Func<T, double> share, string paramName)
        where T : class
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Count == 0)
        {
            throw new ArgumentException("The list must not be empty.", paramName);
        }
        var copy = new T[value.Count];
        var seen = new HashSet<TKey>();
        double total = 0;
        for (int i = 0; i < copy.Length; i++)
        {
            var item = value[i] ?? throw new ArgumentException($"Entry {i} is null.", paramName);
            if (!seen.Add(key(item)))
            {
                throw new ArgumentException($"Entry {i} repeats '{key(item)}'; each may appear once.", paramName);
            }
            total += share(item);
            copy[i] = item;
        }
        if (Math.Abs(total - 1.0) > ShareTolerance)
        {
            throw new ArgumentException($"The shares must sum to 1; they sum to {total.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.", paramName);
        }
        return Array.AsReadOnly(copy);
    }

    /// <summary>Copies relative weights: the given count, each finite and at least 0, with a positive total.</summary>
    internal static IReadOnlyList<double> Weights(IReadOnlyList<double>? value, int count, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Count != count)
        {
            throw new ArgumentException($"Expected {count} weights; got {value.Count}.", paramName);
        }
        var copy = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            copy[i] = Preconditions.CheckNonNegative(value[i], paramName);
            total += copy[i];
        }
        if (!(total > 0))
        {
            throw new ArgumentException("At least one weight must be greater than 0.", paramName);
        }
        return Array.AsReadOnly(copy);
    }
}
