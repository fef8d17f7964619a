// Command kstatus prints the kstatus verdict (sigs.k8s.io/cli-utils/pkg/kstatus/status) of
// Kubernetes objects: the rules Flux, Config Sync and `kubectl wait --for=...` tools judge
// health by. It reads JSON objects (one, several in a row, or a List) from the files named as
// arguments, or from stdin when there are none, and prints one line per object:
//
//	<kind>/<name>: <Current|InProgress|Failed|Terminating|NotFound|Unknown>
//
// The status's message, when there is one, goes to stderr.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "kstatus:", err)
		os.Exit(1)
	}
}

func run(files []string) error {
	if len(files) == 0 {
		return judgeAll(os.Stdin)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = judgeAll(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// judgeAll decodes consecutive JSON values; a List's items are judged one by one.
func judgeAll(r io.Reader) error {
	dec := json.NewDecoder(r)
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		// apimachinery's decoder keeps integers int64, as unstructured accessors require.
		var obj map[string]any
		if err := utiljson.Unmarshal(raw, &obj); err != nil {
			return err
		}
		items, isList := obj["items"].([]any)
		if !isList {
			items = []any{obj}
		}
		for _, item := range items {
			m, ok := item.(map[string]any)
			if !ok {
				return errors.New("an item is not a JSON object")
			}
			if err := judge(&unstructured.Unstructured{Object: m}); err != nil {
				return err
			}
		}
	}
}

func judge(u *unstructured.Unstructured) error {
	result, err := status.Compute(u)
	if err != nil {
		return fmt.Errorf("%s/%s: %w", u.GetKind(), u.GetName(), err)
	}
	fmt.Printf("%s/%s: %s\n", u.GetKind(), u.GetName(), result.Status)
	if result.Message != "" {
		fmt.Fprintf(os.Stderr, "%s/%s: %s\n", u.GetKind(), u.GetName(), result.Message)
	}
	return nil
}
