package clientbench

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/generated/smartconnect/smartconnecttest"
)

// seen is what the checking server received.
type seen struct {
	method, path string
	header       http.Header
	body         any    // the body decoded with encoding/json
	raw          string // the body as it came
	verify       error
}

// TestSameWork checks that both clients do the work the benchmark counts:
// they send the same operation with the same JSON body, signed (the
// signature verifies), with the project header, and decode the page's
// answer. It checks too that the floor (sendFloor) and createFromHelper
// send what create sends: the same body bytes and the same headers.
func TestSameWork(t *testing.T) {
	var (
		mu  sync.Mutex
		got []seen
	)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		s := seen{method: r.Method, path: r.URL.Path, header: r.Header.Clone(), raw: string(data), verify: smartconnecttest.VerifySignature(r, data, benchAK, benchSK)}
		if err := json.Unmarshal(data, &s.body); err != nil {
			t.Errorf("%s: %v", data, err)
		}
		mu.Lock()
		got = append(got, s)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, createResponse)
	})
	if err := create(context.Background(), newClient(t, srv.URL)); err != nil {
		t.Fatalf("our client: %v", err)
	}
	if err := createVendor(newVendorClient(t, srv.URL)); err != nil {
		t.Fatalf("vendor client: %v", err)
	}
	if err := sendFloor(context.Background(), &http.Client{Transport: &http.Transport{}}, newFloorRequest(t, srv.URL)); err != nil {
		t.Fatalf("floor: %v", err)
	}
	if err := createFromHelper(context.Background(), newClient(t, srv.URL)); err != nil {
		t.Fatalf("our client, request from the helper: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 4 {
		t.Fatalf("%d requests, want 4", len(got))
	}
	for i, name := range []string{"ours", "vendor", "floor", "ours (helper)"} {
		s := got[i]
		if s.method != http.MethodPost || s.path != tasksPath {
			t.Errorf("%s: %s %s", name, s.method, s.path)
		}
		if s.header.Get("X-Project-Id") != projectID || !strings.HasPrefix(s.header.Get("Authorization"), "SDK-HMAC-SHA256 Access="+benchAK+", ") {
			t.Errorf("%s: headers %v", name, s.header)
		}
		if s.verify != nil {
			t.Errorf("%s: the signature does not verify: %v", name, s.verify)
		}
	}
	if !reflect.DeepEqual(got[0].body, got[1].body) {
		t.Errorf("the bodies differ:\n ours   %v\n vendor %v", got[0].body, got[1].body)
	}
	ours := got[0].header.Clone()
	ours.Del("X-Sdk-Date")
	ours.Del("Authorization")
	for _, i := range []int{2, 3} {
		name := []string{2: "the floor", 3: "the helper's request"}[i]
		if got[0].raw != got[i].raw {
			t.Errorf("%s: the body differs:\n ours %s\n got  %s", name, got[0].raw, got[i].raw)
		}
		h := got[i].header.Clone()
		h.Del("X-Sdk-Date")
		h.Del("Authorization")
		if !reflect.DeepEqual(ours, h) {
			t.Errorf("%s: the headers differ:\n ours %v\n got  %v", name, ours, h)
		}
	}
}

// TestVendorAgainstFake sends the vendor's request to the smartconnecttest
// fake, which checks its signature with smartconnecttest.VerifySignature,
// its project header and its body with the strict decoder: a check of both
// against the vendor's own signer and encoder.
func TestVendorAgainstFake(t *testing.T) {
	f := smartconnecttest.New(
		smartconnecttest.WithCredentials(benchAK, benchSK),
		smartconnecttest.WithProjectCheck(),
		smartconnecttest.WithSmartConnect(instanceID),
	)
	srv := f.Server()
	defer srv.Close()
	task, err := newVendorClient(t, srv.URL).CreateConnectorTask(vendorRequest())
	if err != nil {
		t.Fatal(err)
	}
	if task.Status == nil || *task.Status != smartconnecttest.StatusWaiting || task.Id == nil {
		t.Errorf("got %v", task)
	}
	reqs := f.Requests()
	if len(reqs) != 1 || reqs[0].Status != 200 || reqs[0].Operation != "CreateConnectorTask" {
		t.Errorf("the fake saw %+v", reqs)
	}
}

// TestSignersAgree checks that our Signer gives the vendor's Authorization
// on the request of BenchmarkSign.
func TestSignersAgree(t *testing.T) {
	_, v := signCase(t)
	req, body, at := ourSignRequest(t, v)
	s := smartconnect.Signer{AccessKey: v.AccessKey, SecretKey: smartconnect.NewSecret(v.SecretKey)}
	if err := s.Sign(req, body, at); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); got != v.Authorization {
		t.Errorf("ours:   %s\nvendor: %s", got, v.Authorization)
	}
}
