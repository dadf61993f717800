using ContactMetrics.Clv;
using MathNet.Numerics;

namespace ContactMetrics.Tests.Clv;

/// <summary>P(X(t) = n) of the BG/NBD (Fader, Hardie &amp; Lee 2005, eq. 8).</summary>
public class BgNbdTransactionCountTests
{
    // FHL 2005, Marketing Science 24(2), CDNOW estimates (REFERENCES.md).
    private static readonly BetaGeometricNbdModel Published = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

    [Fact]
    public void ProbabilityOfTransactions_Zero_IsTheNbdZeroTerm()
    {
        // n = 0: B(a, b)/B(a, b) (alpha/(alpha+t))^r = (4.414 / 43.414)^0.243 = 0.573786352 (by hand in Python: (4.414/43.414)**0.243).
        Published.ProbabilityOfTransactions(0, 39).Should().BeApproximately(0.5737863520960094, 1e-12);
    }

    [Fact]
    public void ProbabilityOfTransactions_One_MatchesHandComputation()
    {
        // n = 1, t = 39 (eq. 8 by hand, Python math.lgamma): B(a, b+1)/B(a, b) r (alpha/(alpha+t))^r t/(alpha+t)
        // + B(a+1, b)/B(a, b) (1 - (alpha/(alpha+t))^r) = 0.19939528083591.
        Published.ProbabilityOfTransactions(1, 39).Should().BeApproximately(0.1993952808359113, 1e-12);
    }

    [Theory]
    [InlineData(39.0)]
    [InlineData(78.0)]
    [InlineData(0.5)]
    [InlineData(5000.0)]
    public void ProbabilityOfTransactions_SumsToOneWithMeanEqualToExpectedTransactions(double t)
    {
        var m = t > 1000 ? new BetaGeometricNbdModel(new BgNbdParameters(2.5, 4, 3.5, 6)) : Published;
        double total = 0, mean = 0;
        for (int n = 0; n <= 20_000; n++)
        {
            double p = m.ProbabilityOfTransactions(n, t);
            p.Should().BeInRange(0, 1);
            total += p;
            mean += n * p;
        }
        total.Should().BeApproximately(1.0, 1e-9);
        mean.Should().BeApproximately(m.ExpectedTransactions(t), 1e-7 * Math.Max(1, m.ExpectedTransactions(t)));
    }

    [Theory]
    [InlineData(0, 10.0)]
    [InlineData(1, 10.0)]
    [InlineData(3, 10.0)]
    [InlineData(12, 25.0)]
    public void ProbabilityOfTransactions_EqualsTheMixtureIntegral(int n, double t)
    {
        // Independent reference: FHL eq. 3, P(X(t) = n | lambda, p) = (1-p)^n Poisson(n; lambda t)
        // + [n > 0] p (1-p)^(n-1) P(Poisson(lambda t) >= n), with the beta moments of p in closed form and the gamma(r, alpha)
        // mixture over lambda integrated numerically (double-exponential rule).
        double r = 2.5, alpha = 4, a = 0.8, b = 2.4;
        var m = new BetaGeometricNbdModel(new BgNbdParameters(r, alpha, a, b));
        double lb = SpecialFunctions.BetaLn(a, b);
        double keep = Math.Exp(SpecialFunctions.BetaLn(a, b + n) - lb);
        double drop = n > 0 ? Math.Exp(SpecialFunctions.BetaLn(a + 1, b + n - 1) - lb) : 0;
        double Integrand(double lambda)
        {
            double density = Math.Exp(r * Math.Log(alpha) + (r - 1) * Math.Log(lambda) - alpha * lambda - SpecialFunctions.GammaLn(r));
            double mu = lambda * t;
            double poisson = Math.Exp(n * Math.Log(mu) - mu - SpecialFunctions.GammaLn(n + 1));
            double atLeast = n > 0 ? SpecialFunctions.GammaLowerRegularized(n, mu) : 1;
            return density * (keep * poisson + drop * atLeast);
        }
        double reference = MathNet.Numerics.Integrate.DoubleExponential(Integrand, 1e-12, 40, 1e-13);

        m.ProbabilityOfTransactions(n, t).Should().BeApproximately(reference, 1e-9);
    }

    [Fact]
    public void ProbabilityOfTransactions_ZeroLength_AllMassAtZero()
    {
        Published.ProbabilityOfTransactions(0, 0).Should().Be(1);
        Published.ProbabilityOfTransactions(3, 0).Should().Be(0);
    }

    [Fact]
    public void ProbabilityOfTransactions_HugeCountAndTime_FiniteNotNaN()
    {
        double p = Published.ProbabilityOfTransactions(10_000, 10_000);
        double.IsFinite(p).Should().BeTrue();
        p.Should().BeInRange(0, 1e-3);
    }

    [Fact]
    public void ProbabilityOfTransactions_Negative_Throws()
    {
        FluentActions.Invoking(() => Published.ProbabilityOfTransactions(-1, 3)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Published.ProbabilityOfTransactions(1, -3)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
