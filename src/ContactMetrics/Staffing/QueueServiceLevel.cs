namespace ContactMetrics.Staffing;

/// <summary>
/// Which contacts count for and against a service level "X% within T seconds". Vendors and
/// reports differ once contacts abandon (ICMI; Call Centre Helper: formulas F1, F2 and F3 of the
/// references). Under Erlang C, where nobody abandons, all three are equal.
/// </summary>
public enum QueueServiceLevel
{
    /// <summary>
    /// Answered within the threshold / offered: an abandoned contact counts against the target,
    /// whenever it left (F3). The conservative choice and the default.
    /// </summary>
    AnsweredWithinThresholdOverOffered = 0,

    /// <summary>Answered within the threshold / answered: abandoned contacts are left out (F2).</summary>
    AnsweredWithinThresholdOverAnswered = 1,

    /// <summary>
    /// (Answered within the threshold + abandoned within the threshold) / offered, that is
    /// <c>P(wait &lt;= T)</c> over all arrivals: a contact that left before the threshold counts as
    /// met (F1).
    /// </summary>
    WithinThresholdOverOffered = 2,
}

/// <summary>The service level definitions in words.</summary>
internal static class QueueServiceLevelText
{
    /// <summary>The definition as a formula in words, e.g. <c>answered within the threshold / offered (F3)</c>.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The words.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string Describe(this QueueServiceLevel definition) => definition switch
    {
        QueueServiceLevel.AnsweredWithinThresholdOverOffered => "answered within the threshold / offered (F3)",
        QueueServiceLevel.AnsweredWithinThresholdOverAnswered => "answered within the threshold / answered (F2)",
        QueueServiceLevel.WithinThresholdOverOffered => "answered or abandoned within the threshold / offered (F1)",
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, "Not a defined service level definition."),
    };
}
