// Command argocd-health runs an Argo CD health check the way Argo CD does (util/lua/lua.go in
// argoproj/argo-cd): in gopher-lua, the Lua 5.1 interpreter it embeds, with only the package,
// base and table libraries open (a resource customization's default, useOpenLibs false), the
// object as the global `obj`, and a one-second limit. Argo CD's restricted `os` library is left
// out: a script that needs it fails here.
//
//	argocd-health <health.lua> < object.json
//
// prints the verdict as JSON, {"status": "...", "message": "..."}; a status Argo CD does not
// know becomes Unknown, as in Argo CD. A script error exits 1 with the error on stderr.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	lua "github.com/yuin/gopher-lua"
	utiljson "k8s.io/apimachinery/pkg/util/json"
)

type verdict struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

var healthStatuses = map[string]bool{"Unknown": true, "Progressing": true, "Suspended": true, "Healthy": true, "Degraded": true, "Missing": true}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "argocd-health:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: argocd-health <health.lua> < object.json")
	}
	script, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	// Kubernetes' decoder, as for Argo CD's live objects: whole numbers arrive as int64.
	var obj map[string]interface{}
	if err := utiljson.Unmarshal(input, &obj); err != nil {
		return fmt.Errorf("the object on stdin: %w", err)
	}
	result, err := health(string(script), obj)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(result)
}

func health(script string, obj map[string]interface{}) (verdict, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name)); err != nil {
			return verdict{}, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", decodeValue(l, obj))
	if err := l.DoString(script); err != nil {
		return verdict{}, err
	}
	returned, ok := l.Get(-1).(*lua.LTable)
	if !ok {
		return verdict{}, fmt.Errorf("expect table output from Lua script, not %s", l.Get(-1).Type())
	}
	result := verdict{Status: stringField(returned, "status"), Message: stringField(returned, "message")}
	if !healthStatuses[result.Status] {
		return verdict{Status: "Unknown", Message: "Lua returned an invalid health status"}, nil
	}
	return result, nil
}

func stringField(table *lua.LTable, key string) string {
	if value, ok := table.RawGetString(key).(lua.LString); ok {
		return string(value)
	}
	return ""
}

// decodeValue turns a decoded JSON value into Lua values as Argo CD's decodeValue does.
func decodeValue(l *lua.LState, value interface{}) lua.LValue {
	switch converted := value.(type) {
	case bool:
		return lua.LBool(converted)
	case float64:
		return lua.LNumber(converted)
	case int64:
		return lua.LNumber(converted)
	case string:
		return lua.LString(converted)
	case []interface{}:
		arr := l.CreateTable(len(converted), 0)
		for _, item := range converted {
			arr.Append(decodeValue(l, item))
		}
		return arr
	case map[string]interface{}:
		tbl := l.CreateTable(0, len(converted))
		for key, item := range converted {
			tbl.RawSetH(lua.LString(key), decodeValue(l, item))
		}
		return tbl
	}
	return lua.LNil
}
