package kube

import (
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// Options say which cluster, and which part of it, to read: kubectl's
// connection flags.
type Options struct {
	// Kubeconfig is --kubeconfig: one file, instead of $KUBECONFIG (a
	// list of files merged as kubectl merges them) or ~/.kube/config.
	Kubeconfig string
	// Context is --context ("": the kubeconfig's current context).
	Context string
	// Namespace is -n ("": the context's namespace, else default).
	Namespace string
	// AllNamespaces is -A: every namespace (Namespace is then ignored).
	AllNamespaces bool
	// Selector is -l: a label selector for Deployments, ReplicaSets and
	// Pods alike, as `kubectl get deploy,rs,pods -l SEL` applies it.
	Selector string
}

// Target is where the options point, resolved from the kubeconfig.
type Target struct {
	Context   string // the context's name
	Server    string // the API server's URL
	Namespace string // "" with AllNamespaces
	All       bool
	Selector  string
}

// clientConfig loads the kubeconfig as kubectl does: --kubeconfig, else
// $KUBECONFIG merged, else ~/.kube/config; --context and -n override.
func clientConfig(o Options) clientcmd.ClientConfig {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = o.Kubeconfig
	overrides := &clientcmd.ConfigOverrides{CurrentContext: o.Context}
	overrides.Context.Namespace = o.Namespace
	return clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides)
}

// resolve reads the kubeconfig: the REST configuration client-go builds
// from it (TLS, tokens, exec plugins as the file says; podviz changes
// none of it but the user agent) and the target.
func resolve(o Options) (*rest.Config, Target, error) {
	cc := clientConfig(o)
	cfg, err := cc.ClientConfig()
	if err != nil {
		return nil, Target{}, err
	}
	raw, err := cc.RawConfig()
	if err != nil {
		return nil, Target{}, err
	}
	t := Target{Context: raw.CurrentContext, Server: cfg.Host, All: o.AllNamespaces, Selector: o.Selector}
	if o.Context != "" {
		t.Context = o.Context
	}
	if !o.AllNamespaces {
		if t.Namespace, _, err = cc.Namespace(); err != nil {
			return nil, Target{}, err
		}
	}
	cfg = rest.CopyConfig(cfg)
	cfg.UserAgent = "podviz"
	// Informers list once and then watch; the defaults (5 QPS, burst 10)
	// would make the first lists of a large namespace wait for nothing.
	cfg.QPS, cfg.Burst = 50, 100
	return cfg, t, nil
}
