using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Tests.Clv;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The transaction models (BG/NBD, MBG/NBD, Pareto/NBD), the shifted-beta-geometric model and the CLV forecast at the
/// points and edges a mutant can move (issue #14 item 9, docs/testing.md): likelihoods and P(alive) at published parameters
/// against the published formulas evaluated independently (Python mpmath, 40 digits, in the comments), the batch forms at
/// the frequencies where they change path, every check with its message, and the texts.
/// </summary>
public class ClvModelMutationTests
{
    private static readonly BetaGeometricNbdModel BgNbd = BatchPredictionTests.BgNbd;
    private static readonly ModifiedBetaGeometricNbdModel MbgNbd = BatchPredictionTests.MbgNbd;
    private static readonly ParetoNbdModel ParetoNbd = BatchPredictionTests.ParetoNbd;

    // The BTYD estimates with alpha and beta swapped: the other branch of the Pareto/NBD's F (alpha >= beta).
    private static readonly ParetoNbdModel ParetoNbdSwapped = new(new ParetoNbdParameters(0.5533971, 11.6562237, 0.6060625, 10.5801985));

    private static readonly CompressedRfmSummary NoRows = CompressedRfmSummary.FromColumns([], [], [], [], RfmPeriodUnit.Week);

    [Theory]
    [InlineData(0, 0.0, 38.86, -0.55471327643815845, 1.0)]
    [InlineData(2, 30.43, 38.86, -9.4586063070662712, 0.72657857008067291)]
    [InlineData(7, 20.0, 35.0, -20.238349270338579, 0.24863893540718147)]
    [InlineData(70, 30.0, 35.0, -29.506481412136303, 0.0065066377458820488)]
    public void BgNbd_RowLikelihoodAndProbabilityAlive_PublishedFormulas(int x, double recency, double age, double logLikelihood, double alive)
    {
        // FHL 2005 eq. 6 as printed (a sum of two terms, not the log-space form), L = B(a, b+x)/B(a, b) G(r+x) alpha^r /
        // (G(r) (alpha+T)^(r+x)) + [x > 0] B(a+1, b+x-1)/B(a, b) G(r+x) alpha^r / (G(r) (alpha+t_x)^(r+x)), and P(alive) =
        // 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)), at the CDNOW estimates r 0.243, alpha 4.414, a 0.793, b 2.426;
        // mpmath at 40 digits.
        BgNbd.LogLikelihood(x, recency, age).Should().BeApproximately(logLikelihood, 1e-12 * Math.Abs(logLikelihood));
        BgNbd.ProbabilityAlive(x, recency, age).Should().BeApproximately(alive, 1e-13);
    }

    [Theory]
    [InlineData(0, 0.0, 38.86, 0.3897350809187629)]
    [InlineData(2, 30.43, 38.86, 0.70620226511848728)]
    [InlineData(70, 30.0, 35.0, 0.0086476418473163439)]
    public void MbgNbd_ProbabilityAlive_PublishedFormula(int x, double recency, double age, double alive)
    {
        // BDF 2007: P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)), also for x = 0; CDNOW estimates r 0.525,
        // alpha 6.183, a 0.891, b 1.614 (BTYDplus); mpmath at 40 digits.
        MbgNbd.ProbabilityAlive(x, recency, age).Should().BeApproximately(alive, 1e-13);
    }

    [Theory]
    [InlineData(false, 26, 30.86, 31.0, 52.0, 0.997917896407938, 25.455318055423771, -39.132088067239102)]
    [InlineData(false, 2, 30.43, 38.86, 39.0, 0.86911820503055553, 1.4551201917031102, -9.5544660913611877)]
    [InlineData(false, 0, 0.0, 38.86, 39.0, 0.29498260694145043, 0.10703725125049296, -0.5211404481619539)]
    [InlineData(false, 5, 38.86, 38.86, 10.0, 1.0, 1.0622088369969535, -17.675831400523244)]
    [InlineData(true, 26, 30.86, 31.0, 52.0, 0.99786642734803071, 24.686509790428842, -39.800069327776008)]
    [InlineData(true, 2, 30.43, 38.86, 39.0, 0.86690428322178103, 1.4159016742967405, -9.5989439977118884)]
    [InlineData(true, 0, 0.0, 38.86, 39.0, 0.28212604951647012, 0.099867379081417779, -0.48054504817752876)]
    [InlineData(true, 5, 38.86, 38.86, 10.0, 1.0, 1.0384050030947461, -17.787452030273767)]
    public void ParetoNbd_ProbabilityAliveExpectationAndLikelihood_DirectIntegral(bool swapped, int x, double recency, double age, double t, double alive, double expected, double logLikelihood)
    {
        // FHL note (brucehardie.com/notes/009): L = G(r+x) alpha^r beta^s / G(r) [(alpha+T)^-(r+x) (beta+T)^-s
        // + s int_{t_x}^T (alpha+u)^-(r+x) (beta+u)^-(s+1) du], the integral by mpmath quadrature (not the 2F1 form);
        // P(alive) = the first term's share; E[Y(t)] = P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)].
        // BTYD's estimates (r 0.5534, alpha 10.58, s 0.6061, beta 11.66) and, swapped, alpha 11.66 > beta 10.58 (the other
        // branch). BTYD's walkthrough gives 25.46 for customer 1516 (x = 26, t_x = 30.86, T = 31) over 52 weeks.
        var m = swapped ? ParetoNbdSwapped : ParetoNbd;
        m.ProbabilityAlive(x, recency, age).Should().BeApproximately(alive, 1e-10);
        m.ConditionalExpectedTransactions(t, x, recency, age).Should().BeApproximately(expected, 1e-10 * expected);
        m.LogLikelihood(x, recency, age).Should().BeApproximately(logLikelihood, 1e-10 * Math.Abs(logLikelihood));
    }

    [Fact]
    public void ParetoNbd_ExpectedTransactions_ClosedFormAtOneWeekAndZeroAtZero()
    {
        // SMC 1987: E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]; at t = 1, 0.051004355623176902 (mpmath).
        ParetoNbd.ExpectedTransactions(1).Should().BeApproximately(0.051004355623176902, 1e-14);
        ParetoNbd.ExpectedTransactions(0).Should().Be(0);
        ParetoNbd.ConditionalExpectedTransactions(0, 2, 30.43, 38.86).Should().Be(0);
    }

    [Fact]
    public void Batches_FrequenciesAroundSixtyFourZerosAndRecencyEqualToAge_EqualTheScalarForms()
    {
        // The vector path takes groups of four up to the first frequency of 64 or more and caches ln a - ln(b+x+offset) for x
        // below 64; the scalar rows go on from there. 11 customers (not a multiple of 4), x = 0 for BG/NBD's P(alive) = 1,
        // t_x = T for Pareto/NBD's empty dead term (P(alive) = 1).
        int[] x = [1, 63, 2, 0, 64, 5, 0, 70, 3, 63, 0];
        double[] recency = [10, 30, 20, 0, 31, 38.86, 0, 30, 1, 29, 0];
        double[] age = [38.86, 31, 38.86, 38.86, 32, 38.86, 5, 35, 39, 38.86, 0];
        foreach (var model in new ITransactionModel[] { BgNbd, MbgNbd, ParetoNbd, ParetoNbdSwapped })
        {
            ClvModel2MutationTests.BatchesEqualTheScalarForms(model, x, recency, age);
        }
        var bg = new double[x.Length];
        BgNbd.ProbabilityAlive(x, recency, age, bg);
        bg[3].Should().Be(1.0);
        bg[6].Should().Be(1.0);
        var pareto = new double[x.Length];
        ParetoNbd.ProbabilityAlive(x, recency, age, pareto);
        pareto[5].Should().Be(1.0);
        // MBG/NBD: a customer without repeat purchases may have dropped out at the first purchase (BDF), so below 1.
        var mbg = new double[x.Length];
        MbgNbd.ProbabilityAlive(x, recency, age, mbg);
        mbg[3].Should().BeApproximately(0.3897350809187629, 1e-13);
    }

    [Fact]
    public void Fits_NoCustomersOrNullArguments_Throw()
    {
        FluentActions.Invoking(() => BetaGeometricNbdModel.Fit(NoRows)).Should().Throw<ArgumentException>().WithParameterName("data").WithMessage("Cannot fit a model to no customers.*");
        FluentActions.Invoking(() => ModifiedBetaGeometricNbdModel.Fit(NoRows)).Should().Throw<ArgumentException>().WithParameterName("data").WithMessage("Cannot fit a model to no customers.*");
        FluentActions.Invoking(() => ParetoNbdModel.Fit(NoRows)).Should().Throw<ArgumentException>().WithParameterName("data").WithMessage("Cannot fit a model to no customers.*");
        var one = CompressedRfmSummary.FromColumns([1.0], [1], [1.0], [2.0], RfmPeriodUnit.Week);
        FluentActions.Invoking(() => BetaGeometricNbdModel.TryFit(null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => BetaGeometricNbdModel.TryFit(one, null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ModifiedBetaGeometricNbdModel.TryFit(null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ModifiedBetaGeometricNbdModel.TryFit(one, null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ParetoNbdModel.TryFit(null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ParetoNbdModel.TryFit(one, null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => BgNbd.LogLikelihood(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => MbgNbd.LogLikelihood(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ParetoNbd.LogLikelihood(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new BetaGeometricNbdModel(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ModifiedBetaGeometricNbdModel(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ParetoNbdModel(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ShiftedBetaGeometricModel(null!)).Should().Throw<ArgumentNullException>();
        BgNbd.Name.Should().Be("BG/NBD");
        MbgNbd.Name.Should().Be("MBG/NBD");
        ParetoNbd.Name.Should().Be("Pareto/NBD");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LogLikelihood_ParameterOverflowingOrZero_IsNaNWithAZeroGradient(int which)
    {
        // The optimizer steps on the log scale; e^800 overflows and e^-800 is 0: no likelihood there, and no gradient left over.
        var data = CompressedRfmSummary.FromColumns([1.0, 2.0], [0, 3], [0.0, 20.0], [30.0, 30.0], RfmPeriodUnit.Week);
        foreach (double extreme in new[] { 800.0, -800.0 })
        {
            var theta = new double[4];
            theta[which] = extreme;
            double[] gradient = [7, 7, 7, 7];
            double.IsNaN(BetaGeometricNbdModel.LogLikelihood(data, theta, gradient)).Should().BeTrue($"BG/NBD, theta[{which}] = {extreme}");
            gradient.Should().Equal(0.0, 0.0, 0.0, 0.0);
            gradient = [7, 7, 7, 7];
            double.IsNaN(ParetoNbdModel.LogLikelihood(data, theta, gradient)).Should().BeTrue($"Pareto/NBD, theta[{which}] = {extreme}");
            gradient.Should().Equal(0.0, 0.0, 0.0, 0.0);
        }
        // At theta = 0 (every parameter 1) both are finite.
        double.IsFinite(BetaGeometricNbdModel.LogLikelihood(data, new double[4], new double[4])).Should().BeTrue();
        double.IsFinite(ParetoNbdModel.LogLikelihood(data, new double[4], new double[4])).Should().BeTrue();
    }

    [Fact]
    public void Predictions_ZeroHorizonIsZero_NegativeArgumentsThrow()
    {
        foreach (var model in new ITransactionModel[] { BgNbd, MbgNbd, ParetoNbd })
        {
            model.ExpectedTransactions(0).Should().Be(0, model.Name);
            model.ConditionalExpectedTransactions(0, 3, 10, 20).Should().Be(0, model.Name);
            FluentActions.Invoking(() => model.ExpectedTransactions(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
            FluentActions.Invoking(() => model.ConditionalExpectedTransactions(-1, 3, 10, 20)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
            FluentActions.Invoking(() => model.ConditionalExpectedTransactions(double.NaN, 3, 10, 20)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
            FluentActions.Invoking(() => model.ProbabilityAlive(3, 21, 20)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency")
                .WithMessage("Customer 'history': the recency must be in [0, T = 20].*");
            FluentActions.Invoking(() => model.ConditionalExpectedTransactions(5, -1, 0, 20)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
            var destination = new double[1];
            FluentActions.Invoking(() => model.ConditionalExpectedTransactions(-1, new int[1], new double[1], new double[1], destination)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        }
        FluentActions.Invoking(() => BgNbd.LogLikelihood(1, 5, 4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency");
        FluentActions.Invoking(() => MbgNbd.LogLikelihood(-1, 0, 4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
        FluentActions.Invoking(() => ParetoNbd.LogLikelihood(0, 1, 4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency");
    }

    [Fact]
    public void Sbg_LogLikelihoodOfThePublishedCurveAndChurnAtOneAndThree()
    {
        // FH2007 regular segment, 1,000 customers: 631, 468, 382, 326, 289, 262, 241 active at the start of years 1..7, at
        // alpha 0.704, beta 1.182: LL = sum_t (S_{t-1} - S_t) ln P(T = t) + 241 ln S(7) = -1680.2651905533525, P(T = 1) =
        // B(alpha+1, beta)/B(alpha, beta) = alpha/(alpha+beta) = 0.37327677624602333, P(T = 3) = 0.085842838665189776,
        // S(3) = B(alpha, beta+3)/B(alpha, beta) = 0.38799987589862765 (mpmath).
        var m = new ShiftedBetaGeometricModel(new SbgParameters(0.704, 1.182));
        m.LogLikelihood([1000, 631, 468, 382, 326, 289, 262, 241]).Should().BeApproximately(-1680.2651905533525, 1e-9);
        m.ChurnProbability(1).Should().BeApproximately(0.37327677624602333, 1e-14);
        m.ChurnProbability(3).Should().BeApproximately(0.085842838665189776, 1e-14);
        m.Survival(3).Should().BeApproximately(0.38799987589862765, 1e-14);
    }

    [Fact]
    public void Sbg_RangeChecksAndTheUndiscountedLifetime()
    {
        var m = new ShiftedBetaGeometricModel(new SbgParameters(3.0, 2.0));
        FluentActions.Invoking(() => m.ChurnProbability(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        FluentActions.Invoking(() => m.RetentionRate(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        FluentActions.Invoking(() => m.Survival(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        FluentActions.Invoking(() => m.DiscountedExpectedResidualLifetime(0, -0.01)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("discountRate");
        FluentActions.Invoking(() => m.DiscountedExpectedLifetime(-0.01)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("discountRate");
        FluentActions.Invoking(() => m.DiscountedExpectedResidualValue(double.NaN, 0, 0.1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("margin");
        // r(1) = beta / (alpha + beta) = 0.4 (FH2007); the expected lifetime without discounting, E[1/theta] for theta ~
        // beta(alpha, beta), is (alpha + beta - 1) / (alpha - 1) = 2 periods; infinite at alpha = 1 (the mean of 1/theta diverges).
        m.RetentionRate(1).Should().BeApproximately(0.4, 1e-15);
        m.DiscountedExpectedLifetime(0).Should().BeApproximately(2.0, 1e-15);
        new ShiftedBetaGeometricModel(new SbgParameters(1.0, 2.0)).DiscountedExpectedLifetime(0).Should().Be(double.PositiveInfinity);
        // A negative margin is a loss, not an error.
        m.DiscountedExpectedResidualValue(-10, 0, 0).Should().BeApproximately(-10 * m.DiscountedExpectedResidualLifetime(0, 0), 1e-12);
    }

    [Theory]
    [InlineData(new double[] { 100 }, "A survivor curve needs the cohort size and at least one later count; got 1 entries.")]
    [InlineData(new double[] { 0, 0 }, "The cohort size (entry 0) must be a finite number greater than 0; was 0.")]
    [InlineData(new double[] { double.NaN, 10 }, "The cohort size (entry 0) must be a finite number greater than 0; was NaN.")]
    [InlineData(new double[] { double.PositiveInfinity, 10 }, "The cohort size (entry 0) must be a finite number greater than 0; was *")]
    [InlineData(new double[] { 100, -1 }, "Survivor counts must be finite, at least 0 and non-increasing; entry 1 is -1 after 100.")]
    [InlineData(new double[] { 100, 60, 70 }, "Survivor counts must be finite, at least 0 and non-increasing; entry 2 is 70 after 60.")]
    [InlineData(new double[] { 100, 60, double.NaN }, "Survivor counts must be finite, at least 0 and non-increasing; entry 2 is NaN after 60.")]
    public void Sbg_InvalidCurve_ThrowsSayingWhichEntry(double[] survivors, string message)
    {
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit(survivors)).Should().Throw<ArgumentException>().WithParameterName("survivors").WithMessage(message + "*");
    }

    [Fact]
    public void Sbg_CurveEndingAtZeroOrFlat_Fits()
    {
        // Every customer gone by year 2 (a survivor count of 0) and a flat stretch (no loss in a year) are valid curves.
        ShiftedBetaGeometricModel.TryFit([100, 40, 40, 10, 0], out var fit).Should().BeTrue(fit.Diagnostics.Message);
    }

    [Fact]
    public void Sbg_IndividualsChecksAndTheLongestChurnedTenure()
    {
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.FitIndividuals([1, 2], [true])).Should().Throw<ArgumentException>()
            .WithParameterName("churned").WithMessage("Every customer needs a churn flag: 2 renewal counts, 1 flags.*");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.FitIndividuals([], [])).Should().Throw<ArgumentException>()
            .WithParameterName("renewals").WithMessage("Cannot fit a model to no customers.*");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.FitIndividuals([0, -1], [true, false])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("renewals").WithMessage("Customer 1: renewals must be at least 0.*");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.TryFitIndividuals([1], [true], null!, out _)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.TryFit([100, 50], null!, out _)).Should().Throw<ArgumentNullException>();
        // The customer with the most renewals churned (lost after 3 renewals: T = 4); one is active after 1 renewal, one after
        // none, two churned after 2 and 0 renewals: the likelihood P(T = 4) S(1) S(0) P(T = 3) P(T = 1) (S(0) = 1 adds nothing).
        var fit = ShiftedBetaGeometricModel.FitIndividuals([3, 1, 0, 2, 0], [true, false, false, true, true]);
        var m = fit.Model;
        double byHand = Math.Log(m.ChurnProbability(4) * m.Survival(1) * m.Survival(0) * m.ChurnProbability(3) * m.ChurnProbability(1));
        fit.LogLikelihood.Should().BeApproximately(byHand, 1e-9);
    }

    [Fact]
    public void Forecast_UnknownModelOrNullArguments_Throw()
    {
        var horizon = new ValuationHorizon(4, 0.01);
        var summary = RfmSummary.FromColumns([new CustomerId("a")], [1], [1.0], [2.0], [5.0], RfmPeriodUnit.Week);
        FluentActions.Invoking(() => ClvForecast.Compute((ClvTransactionModel)2, summary, horizon, 0.3)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("model").WithMessage("Use BgNbd or ParetoNbd.*");
        FluentActions.Invoking(() => ClvForecast.Compute(ClvTransactionModel.BgNbd, null!, horizon, 0.3)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, null!, 0.3)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Forecast_InWords_CountsMeanAliveTotalAndMeanValue()
    {
        // The forecast of 295 CDNOW customers (Subset's stride for 300 of 2,357 is 8: ceil(2,357 / 8) = 295); the text gives the count, the mean of P(alive), the sum of the expected
        // purchases, and the total and mean CLV, each read from the forecast's own columns.
        var summary = CdnowData.Summary.Subset(_ => true, 300);
        var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, new ValuationHorizon(52, 0.002), 1.0);
        int n = forecast.Values.Length;
        n.Should().Be(summary.Count).And.Be(295);
        decimal total = forecast.Values.Sum(v => v.Amount);
        string text = forecast.ToString();
        text.Should().Be($"BG/NBD and Gamma-Gamma forecast of {n} customers: mean P(alive) {ResultText.Percent(forecast.ProbabilityAlive.Average())}, "
            + $"{ResultText.Number(forecast.ExpectedPurchases.Sum())} expected purchases, CLV {new Money(total, Currency.Usd).ToText()} in all (mean {new Money(total / n, Currency.Usd).ToText()} a customer)");
        total.Should().BeGreaterThan(0);
        (forecast with { Values = [] }).ToString().Should().Be("BG/NBD and Gamma-Gamma forecast of no customers");
    }

    [Fact]
    public void ParetoNbd_MoreDistinctPairsThanOneWorkerTakes_SameLikelihoodAndGradientWithOneOrManyWorkers()
    {
        // 6,000 customers with continuous times: about 12,000 distinct (x, t) pairs, above the 8,192 from which ln F is summed
        // in parallel blocks of 1,024. Each pair's ln F goes to its own slot, so one worker or many give the same bits, and the
        // value is the weighted sum of the rows' log-likelihoods (SMC 1987).
        const int n = 6_000;
        var random = new Random(1409);
        var weight = new double[n];
        var x = new int[n];
        var recency = new double[n];
        var age = new double[n];
        for (int i = 0; i < n; i++)
        {
            weight[i] = 1 + random.Next(3);
            x[i] = 1 + random.Next(15);
            age[i] = 1 + 50 * random.NextDouble();
            recency[i] = age[i] * random.NextDouble();
        }
        var data = CompressedRfmSummary.FromColumns(weight, x, recency, age, RfmPeriodUnit.Week);
        double[] theta = [Math.Log(0.5533971), Math.Log(10.5801985), Math.Log(0.6060625), Math.Log(11.6562237)];
        var one = new double[4];
        var many = new double[4];
        double sequential = ParetoNbdModel.LogLikelihood(data, theta, one, maxDegreeOfParallelism: 1);
        double parallel = ParetoNbdModel.LogLikelihood(data, theta, many, maxDegreeOfParallelism: 4);
        parallel.Should().Be(sequential);
        many.Should().Equal(one);
        double byRow = 0;
        for (int i = 0; i < data.Count; i++)
        {
            byRow += data.Weight[i] * ParetoNbd.LogLikelihood(data.Frequency[i], data.Recency[i], data.Age[i]);
        }
        parallel.Should().BeApproximately(byRow, 1e-10 * Math.Abs(byRow));
        ParetoNbd.LogLikelihood(data).Should().Be(parallel);
    }

    [Fact]
    public void ParetoNbd_BatchWithHeavyBuyersLongGone_EqualsTheScalarForm()
    {
        // x = 10,000 purchases by t_x = 1 and no purchase in the 9,999 weeks since: P(alive) is far below 1e-300, where only
        // the log-space form keeps digits; the batch must hand such customers to it (with ordinary customers around them).
        int[] x = [2, 10_000, 3, 1, 10_000, 2, 5, 0];
        double[] recency = [30, 1, 20, 10, 9_000, 30, 35, 0];
        double[] age = [38, 10_000, 38, 38, 10_000, 38, 38, 38];
        foreach (var model in new[] { ParetoNbd, ParetoNbdSwapped })
        {
            var alive = new double[x.Length];
            model.ProbabilityAlive(x, recency, age, alive);
            for (int i = 0; i < x.Length; i++)
            {
                double scalar = model.ProbabilityAlive(x[i], recency[i], age[i]);
                alive[i].Should().BeApproximately(scalar, 1e-12 * scalar, $"customer {i}");
            }
            alive[1].Should().BeLessThan(1e-300).And.BeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public void Fits_CountedByTheTelemetryUnderTheModelsName()
    {
        // ContactMetricsTelemetry counts every fit started, tagged with the model (one iteration is enough to start one).
        var data = CompressedRfmSummary.FromColumns([3.0, 2.0, 1.0], [0, 2, 5], [0.0, 10.0, 30.0], [40.0, 40.0, 40.0], RfmPeriodUnit.Week);
        var once = new ModelFitOptions { MaxIterations = 1 };
        using var counts = ContactMetricsCounts.Start();
        BetaGeometricNbdModel.TryFit(data, once, out _);
        ModifiedBetaGeometricNbdModel.TryFit(data, once, out _);
        ParetoNbdModel.TryFit(data, once, out _);
        counts.FitsOf("BG/NBD").Should().BeGreaterThanOrEqualTo(1);
        counts.FitsOf("MBG/NBD").Should().BeGreaterThanOrEqualTo(1);
        counts.FitsOf("Pareto/NBD").Should().BeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [InlineData(0.243, 4.414, 0.793, 2.426)]
    [InlineData(2.5, 0.3, 6.0, 0.4)]
    [InlineData(0.05, 80.0, 0.2, 30.0)]
    public void BgNbd_AnalyticGradient_MatchesFiniteDifferencesOfTheValue(double r, double alpha, double a, double b)
    {
        // The fit's gradient (digamma terms per x, the dropout share of each row) against Richardson-extrapolated central
        // differences of the value, (4 D(h/2) - D(h)) / 3 with h = 1e-3 on the log-parameters (truncation O(h^4), about
        // 1e-12 relative). Rows with x = 0, with D = ln(a/(b+x-1)) + (r+x) ln((alpha+T)/(alpha+t_x)) above and below 0
        // (t_x far before T, t_x = T), not ordered by x, so the per-x constants are recomputed on every change of x.
        var data = CompressedRfmSummary.FromColumns([3.0, 1.0, 2.0, 1.0, 4.0, 1.0, 2.0], [2, 0, 1, 7, 0, 2, 30], [5.0, 0.0, 0.5, 20.0, 0.0, 38.0, 37.5],
            [38.0, 10.0, 60.0, 20.0, 38.0, 38.0, 38.0], RfmPeriodUnit.Week);
        double[] theta = [Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)];
        var analytic = new double[4];
        double value = BetaGeometricNbdModel.LogLikelihood(data, theta, analytic);
        value.Should().BeApproximately(new BetaGeometricNbdModel(new BgNbdParameters(r, alpha, a, b)).LogLikelihood(data), 1e-12 * Math.Abs(value));
        var numerical = RichardsonGradient.Of(t => BetaGeometricNbdModel.LogLikelihood(data, t, new double[4]), theta);
        for (int i = 0; i < 4; i++)
        {
            double numeric = numerical[i];
            analytic[i].Should().BeApproximately(numeric, 1e-7 * Math.Max(1, Math.Abs(numeric)) + 1e-11 * Math.Abs(value), $"component {i}");
        }
    }

    [Fact]
    public void Forecast_SpendsWithoutAFiniteMean_RefusedSayingWhy()
    {
        // 16 repeat buyers whose mean spends are heavy-tailed (drawn from the Gamma-Gamma model with q = 0.6): the maximum
        // likelihood fit, by scipy's Nelder-Mead from three starts, is p 0.9904, q 0.6990, gamma 11.72 (LL -86.587). With
        // q <= 1 the expected spend has no finite mean, so no forecast is made.
        int[] x = [6, 6, 2, 6, 4, 5, 5, 3, 7, 2, 3, 4, 5, 4, 2, 2];
        double[] spend = [902.08, 22.52, 2.3, 30.33, 12.55, 14.43, 6.65, 80.59, 15.53, 83.17, 4.14, 120.1, 22.19, 41.21, 5.91, 4014.16];
        var ids = Enumerable.Range(0, x.Length).Select(i => new CustomerId("c" + i)).ToArray();
        var summary = RfmSummary.FromColumns(ids, x, x.Select(f => 3.0 * f).ToArray(), x.Select(_ => 30.0).ToArray(), spend, RfmPeriodUnit.Week);
        var fit = GammaGammaModel.Fit(summary);
        fit.Parameters.P.Should().BeApproximately(0.9904, 2e-3);
        fit.Parameters.Q.Should().BeApproximately(0.6990, 1e-3);
        FluentActions.Invoking(() => ClvForecast.Compute(ClvTransactionModel.BgNbd, summary, new ValuationHorizon(4, 0.01), 0.3)).Should().Throw<ArgumentException>()
            .WithParameterName("summary").WithMessage("The Gamma-Gamma fit has q = 0.699 (at most 1), so a customer's expected spend has no finite mean*");
    }

    [Fact]
    public void ParetoNbd_FitWithTheCentralDifferenceGradient_SameMaximumOnASmallSample()
    {
        // The benchmark baseline (central-difference gradient, four-point Hessian of the values) and the analytic fit reach
        // the same maximum on 118 CDNOW customers (every 20th), with the same standard errors to their truncation error; the
        // slow CDNOW-wide comparison (ParetoNbdGradientTests) is left out of the mutation runs.
        var data = CdnowData.Summary.Subset(_ => true, 120).Compress();
        ParetoNbdModel.TryFit(data, ModelFitOptions.Default, analyticGradient: true, out var analytic).Should().BeTrue(analytic.Diagnostics.Message);
        ParetoNbdModel.TryFit(data, ModelFitOptions.Default, analyticGradient: false, out var numerical).Should().BeTrue(numerical.Diagnostics.Message);
        numerical.LogLikelihood.Should().BeApproximately(analytic.LogLikelihood, 1e-6);
        for (int i = 0; i < 4; i++)
        {
            numerical.Estimates[i].Value.Should().BeApproximately(analytic.Estimates[i].Value, 1e-3 * analytic.Estimates[i].Value, analytic.Estimates[i].Name);
            numerical.Estimates[i].StandardError.Should().BeApproximately(analytic.Estimates[i].StandardError, 1e-3 * analytic.Estimates[i].StandardError, analytic.Estimates[i].Name);
        }
    }
}
