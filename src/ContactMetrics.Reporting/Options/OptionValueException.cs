namespace ContactMetrics.Reporting;

/// <summary>
/// A value given for an option (of the command line or a settings file) cannot be read. The message is one line that
/// names the option, the value and the fix, e.g. <c>--horizon: '365' has no unit; write e.g. 365d for days</c>.
/// </summary>
public sealed class OptionValueException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The option, the value and the fix, in one line.</param>
    public OptionValueException(string message)
        : base(message)
    {
    }
}
