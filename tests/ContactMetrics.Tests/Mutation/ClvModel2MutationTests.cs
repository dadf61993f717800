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
    [Fact]
    public void SingleHistoryOutOfRange_EveryScalarFormOfEveryModel_NamesTheHistory()
    {
        // Every scalar form checks its history with the name 'history' in the message (RfmSummary.CheckRow), which the user
        // sees; the recency 5 after T = 4 and a frequency of -1.
        var models = new (string Name, Func<int, double, double, double> Call)[]
        {
            ("BG/NBD LogLikelihood", (x, tx, t) => BatchPredictionTests.BgNbd.LogLikelihood(x, tx, t)),
            ("BG/NBD ProbabilityAlive", (x, tx, t) => BatchPredictionTests.BgNbd.ProbabilityAlive(x, tx, t)),
            ("BG/NBD E[Y]", (x, tx, t) => BatchPredictionTests.BgNbd.ConditionalExpectedTransactions(1, x, tx, t)),
            ("MBG/NBD LogLikelihood", (x, tx, t) => BatchPredictionTests.MbgNbd.LogLikelihood(x, tx, t)),
            ("MBG/NBD ProbabilityAlive", (x, tx, t) => BatchPredictionTests.MbgNbd.ProbabilityAlive(x, tx, t)),
            ("MBG/NBD E[Y]", (x, tx, t) => BatchPredictionTests.MbgNbd.ConditionalExpectedTransactions(1, x, tx, t)),
            ("Pareto/NBD LogLikelihood", (x, tx, t) => BatchPredictionTests.ParetoNbd.LogLikelihood(x, tx, t)),
            ("Pareto/NBD ProbabilityAlive", (x, tx, t) => BatchPredictionTests.ParetoNbd.ProbabilityAlive(x, tx, t)),
            ("Pareto/NBD E[Y]", (x, tx, t) => BatchPredictionTests.ParetoNbd.ConditionalExpectedTransactions(1, x, tx, t)),
        };
        foreach (var (name, call) in models)
        {
            ShouldNameTheHistory(name, call);
        }
    }

    /// <summary>The recency 5 after T = 4 and a frequency of -1 are refused with messages naming the customer 'history'.</summary>
    internal static void ShouldNameTheHistory(string name, Func<int, double, double, double> call)
    {
        FluentActions.Invoking(() => call(1, 5, 4)).Should().Throw<ArgumentOutOfRangeException>(name).WithParameterName("recency")
            .WithMessage("Customer 'history': the recency must be in [0, T = 4].*");
        FluentActions.Invoking(() => call(-1, 0, 4)).Should().Throw<ArgumentOutOfRangeException>(name).WithParameterName("frequency")
            .WithMessage("Customer 'history': the frequency must be at least 0.*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Batches_OneFrequencyOfSixtyFourOrMoreAnywhereInAGroupOfFour_EqualTheScalarForms(int position)
    {
        // The BG/NBD and MBG/NBD batch P(alive) takes groups of four customers with ln a - ln(b + x + offset) cached for x
        // below 64, and hands a group with any x of 64 or more to the scalar rows; the test of the group ORs the four
        // frequencies (any x >= 64 sets a bit of 64 or above). A group whose only large frequency is at the given position,
        // first, then a group of 64 and 0 only (an OR of exactly 64), then ordinary ones; each customer equal to the scalar
        // form (the published formulas, tested in ClvModelMutationTests).
        int[] x = [1, 2, 3, 4, 64, 0, 0, 64, 2, 5, 1, 3];
        x[position] = 70;
        double[] recency = [10, 20, 30, 35, 36, 0, 0, 30, 5, 38, 1, 20];
        double[] age = [38.86, 38.86, 38.86, 38.86, 38.86, 20, 38.86, 38.86, 38.86, 38.86, 38.86, 38.86];
        foreach (var model in new ITransactionModel[] { BatchPredictionTests.BgNbd, BatchPredictionTests.MbgNbd })
        {
            BatchesEqualTheScalarForms(model, x, recency, age);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Batches_FewerThanFourCustomers_EqualTheScalarForms(int n)
    {
        // The vector paths take four customers at a time while at least four are left (i <= n - 4); a batch of one to three
        // customers is all scalar rows, and must neither read past its end nor skip a customer.
        int[] x = [2, 0, 7];
        double[] recency = [30.43, 0, 20];
        double[] age = [38.86, 38.86, 35];
        foreach (var model in new ITransactionModel[] { BatchPredictionTests.BgNbd, BatchPredictionTests.MbgNbd, BatchPredictionTests.ParetoNbd })
        {
            BatchesEqualTheScalarForms(model, x[..n], recency[..n], age[..n]);
        }
    }

    [Theory]
    [InlineData(100.3, 102.0, 10.0, 924.82916553535628505)]
    [InlineData(0.3, 2.0, 1000.0, 230.54519141160552111)]
    public void ExpectedDropoutWeightedCount_QuadratureWithMuchMassNearZero_MatchesAnIndependentIntegral(double rho, double beta, double s, double expected)
    {
        // E[(1 - (1 + p s)^-rho) / p] for p ~ beta(0.05, beta): an alive BG/NBD customer's expected transactions (FHL 2005
        // eq. 10 without its factor), on the quadrature path (s >= 0.9). With a = 0.05 about half the mass of p lies below
        // 1e-6, where the library replaces 1 - (1 + p s)^-rho by its expansion rho p s (1 - (rho + 1) p s / 2) below
        // p = 1e-9 / (rho s); a heavy buyer over a long horizon (rho s = 1,003) and a light one over a very long one
        // (s = 1,000) check that bound. Expected: mpmath at 40 digits, the integral in u = p^a (which removes the p^(a-1)
        // singularity) by tanh-sinh and by Gauss-Legendre on 40 panels, equal to 20 digits.
        BetaGeometricNbdModel.ExpectedDropoutWeightedCount(rho, 0.05, beta, s).Should().BeApproximately(expected, 1e-10 * expected);
    }

    [Fact]
    public void BgNbd_LogLikelihoodOfRowsStartingAtOneRepeatPurchase_IsTheWeightedSumOfTheRows()
    {
        // The weighted sum computes the gamma terms of x afresh at each change of x, starting from "no x yet" (-1); rows that
        // start at x = 1 (no customer without repeat purchases) must get theirs too. The reference is the sum of the scalar
        // form, FHL 2005 eq. 6 (itself checked against mpmath in ClvModelMutationTests).
        var data = CompressedRfmSummary.FromColumns([2.0, 1.0, 3.0], [1, 1, 4], [5.0, 20.0, 30.0], [38.0, 38.0, 38.0], RfmPeriodUnit.Week);
        var m = BatchPredictionTests.BgNbd;
        double byRow = 2 * m.LogLikelihood(1, 5.0, 38.0) + m.LogLikelihood(1, 20.0, 38.0) + 3 * m.LogLikelihood(4, 30.0, 38.0);
        m.LogLikelihood(data).Should().BeApproximately(byRow, 1e-12 * Math.Abs(byRow));
    }

    [Fact]
    public void MbgNbd_BatchExpectedTransactionsWithABadHistory_ThrowsNamingItsIndex()
    {
        // MBG/NBD's batch E[Y] checks every history first, as BG/NBD's (WeightedRowsAndBatchChecksTests): recency 5 after T = 4.
        var destination = new double[2];
        FluentActions.Invoking(() => BatchPredictionTests.MbgNbd.ConditionalExpectedTransactions(26, [2, 1], [1.0, 5.0], [4.0, 4.0], destination))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency").Which.Message.Should().Contain("at index 1");
    }

    /// <summary>The batch P(alive) and E[Y(26)] of every customer equal the scalar forms to 1e-12 relative.</summary>
    internal static void BatchesEqualTheScalarForms(ITransactionModel model, int[] x, double[] recency, double[] age)
    {
        var alive = new double[x.Length];
        var expected = new double[x.Length];
        model.ProbabilityAlive(x, recency, age, alive);
        model.ConditionalExpectedTransactions(26, x, recency, age, expected);
        for (int i = 0; i < x.Length; i++)
        {
            double scalarAlive = model.ProbabilityAlive(x[i], recency[i], age[i]);
            double scalarExpected = model.ConditionalExpectedTransactions(26, x[i], recency[i], age[i]);
            alive[i].Should().BeApproximately(scalarAlive, 1e-12 * scalarAlive, $"{model.Name} P(alive) of customer {i}");
            expected[i].Should().BeApproximately(scalarExpected, 1e-12 * scalarExpected, $"{model.Name} E[Y] of customer {i}");
        }
    }
}
