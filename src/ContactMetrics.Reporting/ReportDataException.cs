namespace ContactMetrics.Reporting;

/// <summary>
/// The tables cannot make a report at all: there are no interactions, or money comes in more than one currency
/// (purchases, conversions, the cost model). The message names the table and the fix. A section the data cannot
/// support is not an error: it is left out and named in <see cref="BoardReport.Gaps"/>.
/// </summary>
public sealed class ReportDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the table, and how to fix it.</param>
    public ReportDataException(string message)
        : base(message)
    {
    }
}
