using System.Collections.Immutable;
using ContactMetrics.Numerics;

namespace ContactMetrics.Clv;

/// <summary>A CLV fit in words: the model, each parameter with its standard error, the customers and how the fit ended.</summary>
internal static class FitText
{
    public static string Describe(string model, ImmutableArray<ParameterEstimate> estimates, FitDiagnostics diagnostics)
    {
        string parameters = string.Join(", ", estimates.Select(e => e.ToString()));
        string customers = estimates.IsDefaultOrEmpty ? "" : $"; {ResultText.Count(estimates[0].Customers)} customers";
        return $"{model}: {parameters}{customers}; {diagnostics}";
    }
}
