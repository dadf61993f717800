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
