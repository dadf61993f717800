using ContactMetrics.Clv;
using FsCheck;
using FsCheck.Xunit;

namespace ContactMetrics.Tests.Clv;

/// <summary>Property tests of the Pareto/NBD, MBG/NBD and sBG: probabilities in [0, 1], expectations monotone, finite likelihoods.</summary>
public class ClvInvariantTests
{
    [Property(MaxTest = 200)]
    public bool ParetoNbd_AnyHistoryAndParameters_FiniteProbabilityAndMonotoneExpectation(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks, PositiveInt seed)
    {
        var (x, tx, t) = History(frequency, recencyShare, ageWeeks);
        var p = Draws(seed, 4, 6);
        var m = new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]));
        double alive = m.ProbabilityAlive(x, tx, t);
        double ll = m.LogLikelihood(x, tx, t);
        double e1 = m.ConditionalExpectedTransactions(10, x, tx, t), e2 = m.ConditionalExpectedTransactions(11, x, tx, t);
        return alive >= 0 && alive <= 1 && double.IsFinite(ll) && double.IsFinite(e1) && e2 >= e1;
    }

    [Property(MaxTest = 200)]
    public bool MbgNbd_AnyHistory_ProbabilityInUnitIntervalAndExpectationMonotone(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks, PositiveInt seed)
    {
        var (x, tx, t) = History(frequency, recencyShare, ageWeeks);
        var p = Draws(seed, 4, 4);
        var m = new ModifiedBetaGeometricNbdModel(new MbgNbdParameters(p[0], p[1], p[2], p[3]));
        double alive = m.ProbabilityAlive(x, tx, t);
        double e1 = m.ConditionalExpectedTransactions(10, x, tx, t), e2 = m.ConditionalExpectedTransactions(11, x, tx, t);
        return alive >= 0 && alive <= 1 && double.IsFinite(m.LogLikelihood(x, tx, t)) && double.IsFinite(e1) && e2 >= e1 * (1 - 1e-12);
    }

    [Property(MaxTest = 200)]
    public bool Sbg_AnyParameters_RetentionInUnitIntervalSurvivalFallsAndDerlFallsWithDiscount(PositiveInt seed, PositiveInt renewals)
    {
        var p = Draws(seed, 2, 4);
        var m = new ShiftedBetaGeometricModel(new SbgParameters(p[0], p[1]));
        int n = renewals.Get % 100;
        double r = m.RetentionRate(n + 1);
        double low = m.DiscountedExpectedResidualLifetime(n, 0.05), high = m.DiscountedExpectedResidualLifetime(n, 0.10);
        return r >= 0 && r <= 1 && m.Survival(n + 1) <= m.Survival(n) && high <= low && high >= r;
    }

    /// <summary>A history with x up to 20,000 and T up to 2,000 periods.</summary>
    private static (int X, double Recency, double Age) History(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks)
    {
        int x = frequency.Get % 20_000;
        double t = ageWeeks.Get % 2000 + 0.5;
        return (x, x == 0 ? 0 : Math.Abs(recencyShare.Get) % 1.0 * t, t);
    }

    /// <summary>Parameters log-uniform in [e^-spread, e^spread], seeded.</summary>
    private static double[] Draws(PositiveInt seed, int count, double spread)
    {
        var rng = new Random(seed.Get);
        return Enumerable.Range(0, count).Select(_ => Math.Exp((rng.NextDouble() * 2 - 1) * spread)).ToArray();
    }
}
