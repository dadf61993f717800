using System.Runtime.CompilerServices;

namespace ContactMetrics;

/// <summary>
/// Argument checks shared by the library. Every message states the allowed range and the value
/// received; range checks on doubles also reject NaN (a NaN never compares inside a range).
/// </summary>
internal static class Preconditions
{
    internal static T CheckNotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
        => value ?? throw new ArgumentNullException(paramName);

    internal static double CheckFinite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be a finite number; was {Format(value)}.");
        }
        return value;
    }

    internal static double CheckPositive(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be a finite number greater than 0; was {Format(value)}.");
        }
        return value;
    }

    internal static double CheckNonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be a finite number of at least 0; was {Format(value)}.");
        }
        return value;
    }

    internal static double CheckInRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be in [{Format(min)}, {Format(max)}]; was {Format(value)}.");
        }
        return value;
    }

    internal static int CheckInRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be in [{min}, {max}]; was {value}.");
        }
        return value;
    }

    internal static int CheckPositive(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be greater than 0; was {value}.");
        }
        return value;
    }

    internal static int CheckNonNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be at least 0; was {value}.");
        }
        return value;
    }

    internal static void CheckArgument(bool condition, string paramName, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, paramName);
        }
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
