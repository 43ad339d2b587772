// Lets antd 5 render its detached pieces (button wave, static message/modal) with React 19's createRoot.
// This is what the @ant-design/v5-patch-for-react-19 package does; a few lines here spare a dependency.
import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

type Container = (Element | DocumentFragment) & { _jiayuanRoot?: Root };

unstableSetRender((node, container) => {
  const host = container as Container;
  host._jiayuanRoot ??= createRoot(host);
  const root = host._jiayuanRoot;
  root.render(node);
  return async () => {
    // Unmount after the current render pass, as React forbids unmounting a root while rendering.
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._jiayuanRoot;
  };
});
