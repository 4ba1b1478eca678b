using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pozytywka.Trainer.Training;

/// <summary>
/// Adam (Kingma and Ba) with the coefficients TorchSharp's <c>optim.Adam</c> factory uses (β₁ 0.9, β₂ 0.99, ε 1e-8).
/// TorchSharp 0.107's own Adam converts each coefficient to a <see cref="Scalar"/> implicitly for every native call
/// and does not keep it alive across the call, so a garbage collection during <c>step</c> can finalize a Scalar
/// that libtorch is still reading ("Expected false to be true … toFloat at c10/core/Scalar.h"). Here every Scalar
/// and tensor is owned and disposed on the training thread after the calls that read it, and only overloads that
/// take every Scalar explicitly are called (<c>add_(Scalar)</c> itself passes a temporary alpha of 1).
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.99;
    private const double Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private long _steps;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = parameters.ToArray();
        LearningRate = learningRate;
        using var noGrad = no_grad();
        _firstMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public double LearningRate { get; set; }

    public void ZeroGradients()
    {
        using var scope = NewDisposeScope();
        foreach (var parameter in _parameters)
            parameter.grad?.zero_();
    }

    public void Step()
    {
        _steps++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, _steps);
        var biasCorrection2 = 1 - Math.Pow(Beta2, _steps);
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var rootOfBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var one = 1.ToScalar();
        using var stepSize = (-LearningRate / biasCorrection1).ToScalar();

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _parameters[i].grad;
            if (gradient is null)
                continue;
            _firstMoments[i].mul_(beta1).add_(gradient, alpha: oneMinusBeta1);
            _secondMoments[i].mul_(beta2).addcmul_(gradient, gradient, value: oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(rootOfBiasCorrection2).add_(epsilon, one);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, value: stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments))
            moment.Dispose();
    }
}
