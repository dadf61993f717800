using ContactMetrics.Clv;
using ContactMetrics.Tests.Clv;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The survivors of the Clv4 mutation run (BG/NBD, MBG/NBD, Pareto/NBD, sBG; issue #14 item 9, docs/testing.md "Clv") that
/// are real gaps: each test here is fast and computes afresh what the slower tests compute once per test host (a fit kept in
/// a static <see cref="Lazy{T}"/> is not refitted when a mutant is switched on, so it cannot kill a mutant).
/// </summary>
public class ClvModel2MutationTests
{
    /// <summary>Every 20th customer of the published CDNOW summary (IDs 1, 21, 41, ...): 118 customers, weight 1 each.</summary>
    private static CompressedRfmSummary EveryTwentiethCdnowCustomer()
    {
        var rows = CdnowData.PublishedSummary.Where((_, i) => i % 20 == 0).ToArray();
        return CompressedRfmSummary.FromColumns(rows.Select(_ => 1.0).ToArray(), rows.Select(r => r.X).ToArray(),
            rows.Select(r => r.Tx).ToArray(), rows.Select(r => r.T).ToArray(), RfmPeriodUnit.Week);
    }

    [Fact]
    public void MbgNbd_FitOnASmallSample_ReachesTheMaximumFoundIndependently()
    {
        // The MBG/NBD fit climbs with its analytic gradient (digamma terms and the dropout share of each row); a wrong term
        // stops it elsewhere or not at all. The maximum of BDF's likelihood as published (the sum of its two terms, not the
        // library's log-space form) on these 118 customers, found outside the repository by a Nelder-Mead search and then the
        // root of the gradient by mpmath at 30 digits (mpmath.findroot of mpmath.diff of the log-likelihood in the
        // log-parameters): r 0.33213049726825253, alpha 3.2715568867703091, a 0.99711267167676064, b 8.7264230862926766,
        // LL -681.45509792320468. (The CDNOW-wide fit in ModifiedBetaGeometricNbdModelTests is kept in a static Lazy.)
        var data = EveryTwentiethCdnowCustomer();
        data.Count.Should().Be(118);
        var fit = ModifiedBetaGeometricNbdModel.Fit(data);
        fit.Diagnostics.Converged.Should().BeTrue(fit.Diagnostics.Message);
        fit.LogLikelihood.Should().BeApproximately(-681.45509792320468, 1e-7);
        double[] expected = [0.33213049726825253, 3.2715568867703091, 0.99711267167676064, 8.7264230862926766];
        for (int i = 0; i < 4; i++)
        {
            fit.Estimates[i].Value.Should().BeApproximately(expected[i], 1e-4 * expected[i], fit.Estimates[i].Name);
        }
    }
}
