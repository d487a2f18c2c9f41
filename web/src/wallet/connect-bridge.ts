// RainbowKit's modal lives in one provider (the header's wallet menu); islands elsewhere ask
// it to open through this bridge instead of mounting providers of their own. A request made
// before the menu has loaded opens the modal as soon as it registers.
let opener: (() => void) | undefined;
let pending = false;

export const setConnectOpener = (open: (() => void) | undefined) => {
  opener = open;
  if (open && pending) {
    pending = false;
    open();
  }
};

export const openConnectModal = () => {
  if (opener) opener();
  else pending = true;
};
