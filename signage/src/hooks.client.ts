// Before any module builds a schema: the page policy allows no eval (see the module).
import '@tellerline/contracts/no-eval';
