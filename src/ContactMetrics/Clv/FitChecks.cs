namespace ContactMetrics.Clv;

/// <summary>What every CLV fit checks before it calls itself converged.</summary>
internal static class FitChecks
{
    /// <summary>
    /// An optimizer that stops on a flat likelihood (one customer, identical customers, no repeat buyers) reports
    /// convergence, yet the parameters are not identified: their standard errors are undefined and the estimates run
    /// off towards 0 or infinity. Such a fit is not converged; the message says why and what to do.
    /// </summary>
    /// <param name="converged">Whether the optimizer converged.</param>
    /// <param name="message">The optimizer's message.</param>
    /// <param name="logPoint">The estimates on the log scale.</param>
    /// <param name="standardErrors">Their standard errors.</param>
    /// <returns>Whether the fit counts as converged, and the message for the diagnostics.</returns>
    public static (bool Converged, string Message) Identified(bool converged, string message, ReadOnlySpan<double> logPoint, ReadOnlySpan<double> standardErrors)
    {
        if (!converged)
        {
            return (false, message);
        }
        foreach (double v in logPoint)
        {
            // exp(+-300) is far beyond any meaningful rate or shape; the optimizer followed a ridge, not a maximum.
            if (!double.IsFinite(v) || Math.Abs(v) > 300)
            {
                return (false, $"{message}; an estimate ran off to 0 or infinity, so the data do not identify the parameters (too few customers, identical customers or no repeat buyers): use more data or a longer calibration period");
            }
        }
        foreach (double se in standardErrors)
        {
            if (!double.IsFinite(se))
            {
                return (false, $"{message}; the standard errors are undefined (the likelihood is flat at the estimates), so the data do not identify the parameters (too few customers, identical customers or no repeat buyers): use more data or a longer calibration period");
            }
        }
        return (true, message);
    }
}
