package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"go.etcd.io/etcd/server/v3/embed"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/klog/v2"
	apiservertesting "k8s.io/kubernetes/cmd/kube-apiserver/app/testing"
	"k8s.io/kubernetes/test/utils/ktesting"
	"k8s.io/kubernetes/test/utils/ktesting/initoption"
)

// Options configure a cluster.
type Options struct {
	Kubelet KubeletOptions
}

// Cluster is one control plane and its fake node, stopped when the test
// that started it ends.
type Cluster struct {
	// Client is an admin client (system:masters) of the API server.
	Client kubernetes.Interface
	// Kubelet is the one node's scripted kubelet.
	Kubelet *Kubelet
	// KubeconfigPath names a kubeconfig file for this cluster (context
	// "e2e", namespace default, an admin token), for a normal client.
	KubeconfigPath string

	t      testing.TB
	tctx   ktesting.TContext
	dir    string
	etcd   *embed.Etcd
	etcdCl string // etcd's client URL
	prefix string // the API server's storage prefix in etcd
	token  string
	fwd    forwarder
	cancel context.CancelFunc

	mu     sync.Mutex
	server *apiservertesting.TestServer
	ca     []byte
	config *rest.Config // through the forwarder; writes are tracked

	gate     gate
	podStore cache.Store // the deployment and replicaset controllers' pods

	lastWrite atomic.Int64 // unix nanoseconds of the last tracked write
	evMu      sync.Mutex
	events    []Event
}

// startMu serialises API server starts: each registers process-wide
// metrics and feature gates while it starts.
var startMu sync.Mutex

// Start starts a cluster and registers its teardown with t. It fails the
// test if the cluster cannot start.
func Start(t testing.TB, opts Options) *Cluster {
	t.Helper()
	c, err := start(t, opts)
	if err != nil {
		t.Fatalf("cluster: %v", err)
	}
	return c
}

func start(t testing.TB, opts Options) (*Cluster, error) {
	quietLogs()
	c := &Cluster{t: t, dir: t.TempDir(), prefix: "/registry-" + randomHex(8)}
	c.tctx = ktesting.Init(t, initoption.PerTestOutput(false))
	t.Cleanup(c.stop)
	c.token = randomHex(24)
	tokens := filepath.Join(c.dir, "tokens.csv")
	line := c.token + `,admin,admin,"system:masters"` + "\n"
	if err := os.WriteFile(tokens, []byte(line), 0o600); err != nil {
		return nil, err
	}
	var err error
	if c.etcd, c.etcdCl, err = startEtcd(filepath.Join(c.dir, "etcd")); err != nil {
		return nil, err
	}
	if err := c.StartAPIServer(); err != nil {
		return nil, err
	}
	if c.Client, err = kubernetes.NewForConfig(c.RESTConfig()); err != nil {
		return nil, err
	}
	c.KubeconfigPath = filepath.Join(c.dir, "kubeconfig")
	if err := c.WriteKubeconfig(c.KubeconfigPath, c.token); err != nil {
		return nil, err
	}

	sink := &eventSink{onEvent: c.recordEvent}
	ctx, cancel := context.WithCancel(klog.NewContext(context.Background(), logr.New(sink)))
	c.cancel = cancel
	cfg := c.RESTConfig()
	if c.podStore, err = startControllers(ctx, cfg, &c.gate); err != nil {
		return nil, err
	}
	if err := startScheduler(ctx, cfg); err != nil {
		return nil, err
	}
	kc, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	c.Kubelet = newKubelet(opts.Kubelet, kc)
	if err := c.Kubelet.start(ctx); err != nil {
		return nil, err
	}
	// Pods pass admission only once their namespace has its "default"
	// ServiceAccount, which the service-account controller creates.
	err = wait.PollUntilContextTimeout(ctx, 20*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
		_, err := c.Client.CoreV1().ServiceAccounts(metav1.NamespaceDefault).Get(ctx, "default", metav1.GetOptions{})
		return err == nil, nil
	})
	if err != nil {
		return nil, errors.New("the default ServiceAccount never appeared")
	}
	// The scheduler places pods once the node lifecycle controller has
	// lifted the not-ready taint admission gave the new Node.
	err = wait.PollUntilContextTimeout(ctx, 20*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
		n, err := c.Client.CoreV1().Nodes().Get(ctx, c.Kubelet.Node(), metav1.GetOptions{})
		return err == nil && len(n.Spec.Taints) == 0, nil
	})
	if err != nil {
		return nil, fmt.Errorf("node %s kept its taints", c.Kubelet.Node())
	}
	return c, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// StartAPIServer starts the API server on the cluster's etcd and puts it
// behind the cluster's address; after StopAPIServer, clients reconnect to
// the new one with the same kubeconfig.
func (c *Cluster) StartAPIServer() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.server != nil {
		return errors.New("the API server is already running")
	}
	storage := storagebackend.NewDefaultConfig(c.prefix, nil)
	storage.Transport.ServerList = []string{c.etcdCl}
	flags := []string{
		"--token-auth-file=" + filepath.Join(c.dir, "tokens.csv"),
		"--authorization-mode=Node,RBAC",
	}
	startMu.Lock()
	ts, err := apiservertesting.StartTestServer(c.tctx,
		&apiservertesting.TestServerInstanceOptions{DisableInvariantChecks: true}, flags, storage)
	startMu.Unlock()
	if err != nil {
		return fmt.Errorf("kube-apiserver: %w", err)
	}
	// The serving certificate comes from upstream's fixture for 127.0.0.1,
	// so it is the same after every restart.
	ca, err := os.ReadFile(ts.ServerOpts.SecureServing.ServerCert.CertKey.CertFile)
	if err != nil {
		ts.TearDownFn()
		return fmt.Errorf("kube-apiserver certificate: %w", err)
	}
	if c.ca != nil && string(ca) != string(c.ca) {
		ts.TearDownFn()
		return errors.New("kube-apiserver: the serving certificate changed across a restart")
	}
	u, err := url.Parse(ts.ClientConfig.Host)
	if err != nil {
		ts.TearDownFn()
		return err
	}
	if err := c.fwd.listen(u.Host); err != nil {
		ts.TearDownFn()
		return fmt.Errorf("forwarder: %w", err)
	}
	c.server, c.ca = &ts, ca
	if c.config == nil {
		c.config = &rest.Config{
			Host:            "https://" + c.fwd.addr,
			BearerToken:     c.token,
			TLSClientConfig: rest.TLSClientConfig{CAData: ca},
			QPS:             1000,
			Burst:           10000,
		}
		c.config.Wrap(func(rt http.RoundTripper) http.RoundTripper { return writeTracker{rt, c} })
	}
	return nil
}

// StopAPIServer stops the API server: its address refuses connections and
// open ones are cut, while etcd, the controllers, the scheduler and the
// kubelet keep running (and retrying), as when a control-plane node's
// API server restarts.
func (c *Cluster) StopAPIServer() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fwd.close()
	if c.server != nil {
		c.server.TearDownFn()
		c.server = nil
	}
}

// Addr is the API server's address as clients see it (https://127.0.0.1:PORT).
func (c *Cluster) Addr() string { return "https://" + c.fwd.addr }

// RESTConfig returns a client configuration for an admin (system:masters).
func (c *Cluster) RESTConfig() *rest.Config {
	c.mu.Lock()
	defer c.mu.Unlock()
	return rest.CopyConfig(c.config)
}

// WriteKubeconfig writes a kubeconfig file that reaches this cluster with
// the given bearer token (the admin token when it is ""): context "e2e",
// namespace default, the server's certificate as its CA.
func (c *Cluster) WriteKubeconfig(path, token string) error {
	if token == "" {
		token = c.token
	}
	c.mu.Lock()
	ca := c.ca
	c.mu.Unlock()
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["e2e"] = &clientcmdapi.Cluster{Server: c.Addr(), CertificateAuthorityData: ca}
	cfg.AuthInfos["e2e"] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts["e2e"] = &clientcmdapi.Context{Cluster: "e2e", AuthInfo: "e2e", Namespace: metav1.NamespaceDefault}
	cfg.CurrentContext = "e2e"
	return clientcmd.WriteToFile(*cfg, path)
}

func (c *Cluster) stop() {
	if c.cancel != nil {
		c.cancel()
	}
	c.StopAPIServer()
	if c.etcd != nil {
		c.etcd.Close()
	}
}

// writeTracker notes when a component last wrote to the API server, for
// WaitQuiet. The kubelet's heartbeats (its Lease and Node) do not count:
// they go on in a cluster at rest.
type writeTracker struct {
	rt http.RoundTripper
	c  *Cluster
}

func (w writeTracker) RoundTrip(r *http.Request) (*http.Response, error) {
	write := r.Method != http.MethodGet && !strings.Contains(r.URL.Path, "/leases") && !strings.Contains(r.URL.Path, "/nodes")
	if write {
		w.c.touch()
	}
	resp, err := w.rt.RoundTrip(r)
	if write {
		w.c.touch()
	}
	return resp, err
}

func (c *Cluster) touch() { c.lastWrite.Store(time.Now().UnixNano()) }

func (c *Cluster) recordEvent(ev Event) {
	c.touch()
	c.evMu.Lock()
	ev.Seq = len(c.events) + 1
	c.events = append(c.events, ev)
	c.evMu.Unlock()
}

// Events returns the events the controllers have recorded so far, in
// order, from the n-th on (0: all).
func (c *Cluster) Events(n int) []Event {
	c.evMu.Lock()
	defer c.evMu.Unlock()
	if n >= len(c.events) {
		return nil
	}
	return append([]Event(nil), c.events[n:]...)
}

// WaitQuiet waits until no component has written to the API server and
// no controller has recorded an event for the quiet period: the cluster
// has settled. It gives up after a minute.
func (c *Cluster) WaitQuiet(ctx context.Context, quiet time.Duration) error {
	deadline := time.Now().Add(time.Minute)
	for {
		since := time.Since(time.Unix(0, c.lastWrite.Load()))
		if since >= quiet {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the cluster did not settle within a minute: the components keep writing")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(quiet - since):
		}
	}
}

// ReadyBatch makes every pod that can become ready Ready as one batch
// (Kubelet.ReadyPods), holding back the deployment and replicaset
// controllers' notifications until their pod cache holds the whole batch,
// so they see it as one change. It returns how many pods became ready.
func (c *Cluster) ReadyBatch(ctx context.Context) (int, error) {
	c.gate.close()
	defer c.gate.open()
	pods, err := c.Kubelet.ReadyPods(ctx)
	if err != nil {
		return 0, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, p := range pods {
		key := p.Namespace + "/" + p.Name
		want, _ := strconv.ParseUint(p.ResourceVersion, 10, 64)
		for {
			obj, ok, _ := c.podStore.GetByKey(key)
			if !ok || obj.(*corev1.Pod).UID != p.UID {
				break // deleted meanwhile
			}
			if got, _ := strconv.ParseUint(obj.(*corev1.Pod).ResourceVersion, 10, 64); got >= want {
				break
			}
			if time.Now().After(deadline) {
				return 0, fmt.Errorf("the controllers' pod cache never saw %s at resourceVersion %s", key, p.ResourceVersion)
			}
			time.Sleep(time.Millisecond)
		}
	}
	return len(pods), nil
}
